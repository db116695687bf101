/**
 * Calls and types of the CI API (`io.tianshu.cmdb.web.CiController`, `ModelController`), as
 * the server's records are.
 */
import { api } from '../../api/client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type LifecycleState = 'PLANNED' | 'IN_USE' | 'MAINTENANCE' | 'RETIRED';

export interface Ci {
  id: string;
  model: string;
  name: string;
  state: LifecycleState;
  ownerTeamId?: string | null;
  attributes: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AttributeDefinition {
  code: string;
  name: string;
  type: string;
  required: boolean;
  group?: string | null;
  helpText?: string | null;
}

export interface CiModel {
  code: string;
  name: string;
  nameEn?: string | null;
  group: string;
  attributes: AttributeDefinition[];
}

export interface RelationType {
  code: string;
  forwardLabel: string;
  reverseLabel: string;
}

export interface Relation {
  id: string;
  type: string;
  source: string;
  target: string;
  createdAt: string;
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  version: number;
  change: string;
  diff: Record<string, FieldChange>;
  actor: string;
  source: string;
  requestId?: string | null;
  changedAt: string;
}

export interface GraphNode {
  id: string;
  model: string;
  name: string;
  state: LifecycleState;
  depth: number;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type Layer = 'BUSINESS_SYSTEM' | 'APPLICATION' | 'SERVICE' | 'INSTANCE' | 'HOST' | 'INFRASTRUCTURE';

export interface BusinessView {
  system: string;
  nodes: { id: string; model: string; name: string; state: LifecycleState; layer: Layer }[];
  edges: GraphEdge[];
}

export type Direction = 'DOWNSTREAM' | 'UPSTREAM';

/** A non-conformity flag (不合规标记) a model change left on a CI (`io.tianshu.cmdb.model.CiNonconformity`). */
export interface CiNonconformity {
  id: number;
  ciId: string;
  model: string;
  modelVersion: number;
  /** an attribute code, or `identificationRules.<rule>` for a duplicate identity */
  attribute: string;
  code: string;
  message: string;
  flaggedAt: string;
}

/** A recorded verification (核实) of a CI (`io.tianshu.cmdb.quality.QualityRecords.CiVerification`). */
export interface CiVerification {
  ciId: string;
  version: number;
  verifiedAt: string;
  verifiedBy: string;
}

export const cisApi = {
  models: () => api<CiModel[]>('/api/v1/cmdb/models'),
  relationTypes: () => api<RelationType[]>('/api/v1/cmdb/relation-types'),
  /** The filter language search; long filters go in the body. */
  search: (q: string, model: string | undefined, cursor: string | undefined, limit: number) =>
    api<Page<Ci>>('/api/v1/cmdb/cis/search', {
      method: 'POST',
      body: { q: q.trim() || undefined, model: model || undefined, cursor, limit },
    }),
  get: (id: string) => api<Ci>(`/api/v1/cmdb/cis/${id}`),
  history: (id: string) => api<HistoryEntry[]>(`/api/v1/cmdb/cis/${id}/history`),
  relations: (id: string) => api<Relation[]>(`/api/v1/cmdb/cis/${id}/relations`),
  impact: (id: string, direction: Direction, depth: number) =>
    api<TopologyGraph>(`/api/v1/cmdb/cis/${id}/impact`, { query: { direction, depth } }),
  nonconformities: (id: string) => api<CiNonconformity[]>(`/api/v1/cmdb/cis/${id}/nonconformities`),
  verify: (id: string) =>
    api<CiVerification>(`/api/v1/cmdb/cis/${id}/verify`, {
      method: 'POST',
      headers: { 'X-Change-Source': 'CONSOLE' },
    }),
  businessView: (id: string) => api<BusinessView>(`/api/v1/cmdb/business-systems/${id}/view`),
};
