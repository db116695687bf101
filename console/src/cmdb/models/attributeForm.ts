import type { AttributeDefinition, AttributeType } from './api';

/** What the attribute form holds: the default as text, numbers as numbers or empty. */
export interface AttributeFormValues {
  code: string;
  name: string;
  type: AttributeType;
  required?: boolean;
  unique?: boolean;
  recommended?: boolean;
  regex?: string | null;
  min?: number | null;
  max?: number | null;
  enumValues?: string[];
  defaultText?: string | null;
  helpText?: string | null;
  group?: string | null;
  referenceModel?: string | null;
  itemType?: AttributeType | null;
}

/** The default as the form shows it: strings as they are, anything else as JSON. */
export function defaultText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const TEXTUAL: AttributeType[] = [
  'STRING',
  'TEXT',
  'ENUM',
  'DATE',
  'DATETIME',
  'IP',
  'CIDR',
  'URL',
  'REFERENCE',
];

/**
 * The default the server gets: for textual types the text itself, otherwise the text read as
 * JSON (`8`, `true`, `["a"]`); `undefined` when it is not valid JSON for a non-textual type.
 */
export function parseDefault(text: string | null | undefined, type: AttributeType): unknown {
  if (text === null || text === undefined || text.trim() === '') return null;
  if (TEXTUAL.includes(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function toFormValues(a: AttributeDefinition): AttributeFormValues {
  return {
    code: a.code,
    name: a.name,
    type: a.type,
    required: a.required,
    unique: a.unique,
    recommended: !!a.recommended,
    regex: a.regex ?? null,
    min: a.min ?? null,
    max: a.max ?? null,
    enumValues: a.enumValues,
    defaultText: defaultText(a.defaultValue),
    helpText: a.helpText ?? null,
    group: a.group ?? null,
    referenceModel: a.referenceModel ?? null,
    itemType: a.itemType ?? null,
  };
}

/** The attribute from the form; rules that do not apply to the type are left out. */
export function fromFormValues(v: AttributeFormValues): AttributeDefinition {
  const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  const num = (n: number | null | undefined) => (n === null || n === undefined ? null : n);
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    type: v.type,
    required: !!v.required,
    unique: !!v.unique,
    // a required attribute is already counted by completeness; recommending it too says nothing
    recommended: !v.required && !!v.recommended,
    regex: ['STRING', 'TEXT', 'URL'].includes(v.type) ? blank(v.regex) : null,
    min: ['INT', 'DECIMAL', 'STRING', 'TEXT', 'LIST'].includes(v.type) ? num(v.min) : null,
    max: ['INT', 'DECIMAL', 'STRING', 'TEXT', 'LIST'].includes(v.type) ? num(v.max) : null,
    enumValues: v.type === 'ENUM' ? (v.enumValues ?? []) : [],
    defaultValue: parseDefault(v.defaultText, v.type) ?? null,
    helpText: blank(v.helpText),
    group: blank(v.group),
    referenceModel: v.type === 'REFERENCE' ? blank(v.referenceModel) : null,
    itemType: v.type === 'LIST' ? (v.itemType ?? null) : null,
  };
}

/**
 * The form fields a server field error of `attributes[index]` belongs to:
 * `attributes[2].regex` → `['regex']`, `attributes[2].defaultValue` → `['defaultText']`;
 * `null` for errors of other attributes or of the model.
 */
export function attributeField(field: string, index: number): string[] | null {
  const prefix = `attributes[${index}].`;
  if (!field.startsWith(prefix)) return null;
  const name = field.slice(prefix.length).split(/[.[]/)[0];
  return [name === 'defaultValue' ? 'defaultText' : name];
}
