import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CiModel, LifecycleState } from './api';

const STATE_COLOURS: Record<LifecycleState, string> = {
  PLANNED: 'blue',
  IN_USE: 'green',
  MAINTENANCE: 'orange',
  RETIRED: 'default',
};

export function StateTag({ state }: { state: LifecycleState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOURS[state]}>{t(`cmdb.cis.states.${state}`)}</Tag>;
}

/** A model's name in the user's language, the code when the model is unknown. */
export function modelLabel(models: CiModel[] | undefined, code: string, language: string): string {
  const model = models?.find((m) => m.code === code);
  if (!model) return code;
  return language.startsWith('zh') ? model.name : model.nameEn || model.name;
}

/** An attribute value as text: lists joined, objects as JSON, nothing as a dash. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => valueText(v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
