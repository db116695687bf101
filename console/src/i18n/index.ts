import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, mergeResources, type Language, type Tree } from './resources';

const files = import.meta.glob<Tree>('/src/**/i18n/*.json', { eager: true, import: 'default' });
export const resources = mergeResources(files);

const STORAGE_KEY = 'tianshu.language';

declare global {
  interface Window {
    /** Translation keys looked up but missing, for the end-to-end journeys to fail on. */
    __tianshuMissingKeys?: string[];
  }
}

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  } catch {
    // storage unavailable: default language
  }
  return 'zh-CN';
}

if (typeof window !== 'undefined') window.__tianshuMissingKeys = [];

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(resources).map(([lng, tree]) => [lng, { translation: tree }])),
  lng: initialLanguage(),
  supportedLngs: [...LANGUAGES],
  // no fallback: a key missing in the current language must show up (and fail the journeys)
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => {
    const entry = `${lngs.join(',')}:${key}`;
    if (typeof window !== 'undefined' && !window.__tianshuMissingKeys?.includes(entry)) {
      window.__tianshuMissingKeys?.push(entry);
      console.warn(`missing translation ${entry}`);
    }
  },
});

export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  document.documentElement.lang = lng;
  return i18n.changeLanguage(lng);
}

export { i18n };
