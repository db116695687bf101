/**
 * Types and calls of the model designer (资源模型管理), matched to the server's
 * `ModelController` and `ModelBundleController` (io.tianshu.cmdb.web). Hand-written so they
 * follow the server records exactly; `api.contract.test.ts` ties them to openapi.json.
 */
import { api, withQuery } from '../../api/client';

export type AttributeType =
  | 'STRING'
  | 'TEXT'
  | 'INT'
  | 'DECIMAL'
  | 'BOOL'
  | 'ENUM'
  | 'DATE'
  | 'DATETIME'
  | 'IP'
  | 'CIDR'
  | 'URL'
  | 'LIST'
  | 'REFERENCE'
  | 'JSON';

export const ATTRIBUTE_TYPES: AttributeType[] = [
  'STRING',
  'TEXT',
  'INT',
  'DECIMAL',
  'BOOL',
  'ENUM',
  'DATE',
  'DATETIME',
  'IP',
  'CIDR',
  'URL',
  'LIST',
  'REFERENCE',
  'JSON',
];

export interface AttributeDefinition {
  code: string;
  name: string;
  type: AttributeType;
  required: boolean;
  unique: boolean;
  regex?: string | null;
  min?: number | null;
  max?: number | null;
  enumValues: string[];
  defaultValue?: unknown;
  helpText?: string | null;
  group?: string | null;
  referenceModel?: string | null;
  itemType?: AttributeType | null;
  /** 建议填写: not enforced, but counted by data-quality completeness like a required field */
  recommended?: boolean;
}

export interface IdentificationRule {
  name: string;
  attributes: string[];
}

export type Cardinality = 'ONE_TO_ONE' | 'ONE_TO_MANY' | 'MANY_TO_MANY';
export type DeleteBehaviour = 'CASCADE' | 'BLOCK' | 'DETACH';

export interface RelationDefinition {
  id: string;
  sourceModel: string;
  targetModel: string;
  type: string;
  cardinality: Cardinality;
  deleteBehaviour: DeleteBehaviour;
}

export interface RelationType {
  code: string;
  forwardLabel: string;
  reverseLabel: string;
  acyclic: boolean;
  builtIn: boolean;
}

export interface ModelGroup {
  code: string;
  name: string;
  nameEn: string;
  sortOrder: number;
}

export interface CiModel {
  id: string;
  code: string;
  name: string;
  nameEn?: string | null;
  group: string;
  description?: string | null;
  ownerTeamId?: string | null;
  builtIn: boolean;
  version: number;
  attributes: AttributeDefinition[];
  identificationRules: IdentificationRule[];
  relations: RelationDefinition[];
  updatedAt: string;
}

/** What PUT /models/{code} and POST /models/{code}/preview take. */
export interface ModelDraft {
  code?: string;
  name: string;
  nameEn?: string | null;
  group: string;
  description?: string | null;
  ownerTeamId?: string | null;
  attributes: AttributeDefinition[];
  identificationRules: IdentificationRule[];
}

export interface ModelVersion {
  version: number;
  summary: string;
  actor: string;
  createdAt: string;
}

export type ChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface ModelChange {
  path: string;
  kind: ChangeKind;
  from?: unknown;
  to?: unknown;
  text: string;
}

export interface ModelDiff {
  model: string;
  fromVersion: number;
  toVersion: number;
  changes: ModelChange[];
}

export interface PreviewChange extends ModelChange {
  destructive: boolean;
  reason?: string | null;
}

export interface CiImpact {
  checked: number;
  migrated: number;
  flagged: number;
  flaggedByAttribute: Record<string, number>;
}

export type PreviewAction = 'ADDED' | 'CHANGED' | 'UNCHANGED';

export interface ModelPreview {
  code: string;
  action: PreviewAction;
  currentVersion: number;
  changes: PreviewChange[];
  cis: CiImpact;
  destructive: boolean;
}

export interface ItemPreview {
  code: string;
  action: PreviewAction;
  changes: string[];
  destructive: boolean;
}

export interface BundlePreview {
  formatVersion: number;
  modelGroups: ItemPreview[];
  relationTypes: ItemPreview[];
  models: ModelPreview[];
  destructive: boolean;
  destructiveChanges: string[];
}

export interface BundleImportResult {
  preview: BundlePreview;
  versions: Record<string, number>;
}

export interface CiNonconformity {
  id: number;
  ciId: string;
  ciName: string;
  model: string;
  modelVersion: number;
  attribute: string;
  code: string;
  message: string;
  flaggedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const BASE = '/api/v1/cmdb';

/** The model as a draft for PUT (the server keeps relations separately). */
export function draftOf(model: CiModel): ModelDraft {
  return {
    code: model.code,
    name: model.name,
    nameEn: model.nameEn ?? null,
    group: model.group,
    description: model.description ?? null,
    ownerTeamId: model.ownerTeamId ?? null,
    attributes: model.attributes,
    identificationRules: model.identificationRules,
  };
}

function bundleForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}

export const modelsApi = {
  groups: () => api<ModelGroup[]>(`${BASE}/model-groups`),
  list: () => api<CiModel[]>(`${BASE}/models`),
  get: (code: string) => api<CiModel>(`${BASE}/models/${encodeURIComponent(code)}`),
  update: (code: string, draft: ModelDraft) =>
    api<CiModel>(`${BASE}/models/${encodeURIComponent(code)}`, { method: 'PUT', body: draft }),
  previewEdit: (code: string, draft: ModelDraft) =>
    api<ModelPreview>(`${BASE}/models/${encodeURIComponent(code)}/preview`, { method: 'POST', body: draft }),
  versions: (code: string) => api<ModelVersion[]>(`${BASE}/models/${encodeURIComponent(code)}/versions`),
  diff: (code: string, from: number, to: number) =>
    api<ModelDiff>(`${BASE}/models/${encodeURIComponent(code)}/versions/${to}/diff`, { query: { from } }),
  restorePreview: (code: string, version: number) =>
    api<ModelPreview>(`${BASE}/models/${encodeURIComponent(code)}/versions/${version}/restore-preview`),
  restore: (code: string, version: number, allowDestructive: boolean) =>
    api<CiModel>(
      withQuery(`${BASE}/models/${encodeURIComponent(code)}/versions/${version}/restore`, {
        allowDestructive,
      }),
      { method: 'POST' },
    ),
  nonconforming: (code: string, cursor?: string | null) =>
    api<Page<CiNonconformity>>(`${BASE}/models/${encodeURIComponent(code)}/nonconforming`, {
      query: { cursor, limit: 50 },
    }),
  relationTypes: () => api<RelationType[]>(`${BASE}/relation-types`),
  defineRelation: (definition: Omit<RelationDefinition, 'id'>) =>
    api<RelationDefinition>(`${BASE}/relation-definitions`, { method: 'POST', body: definition }),
  removeRelation: (id: string) =>
    api<void>(`${BASE}/relation-definitions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  /** The download address of a bundle of these models (all when empty). */
  exportUrl: (codes: string[]) => withQuery(`${BASE}/bundle`, { models: codes.join(',') }),
  previewBundle: (file: File) =>
    api<BundlePreview>(`${BASE}/bundle/preview`, { method: 'POST', body: bundleForm(file) }),
  importBundle: (file: File, allowDestructive: boolean) =>
    api<BundleImportResult>(withQuery(`${BASE}/bundle/import`, { allowDestructive }), {
      method: 'POST',
      body: bundleForm(file),
    }),
};
