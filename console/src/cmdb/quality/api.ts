/**
 * Types and calls of the CMDB data-quality API (server: `QualityController`, records
 * `QualityReport`, `QualityScore`, `QualityRecords`). Formulas: docs/cmdb-quality.md.
 */
import { api } from '../../api/client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Scores 0–100 with one decimal; null when there is nothing to measure. */
export interface QualityScore {
  completeness?: number | null;
  freshness?: number | null;
  overall?: number | null;
  cis: number;
  slots: number;
  filledSlots: number;
  freshCis: number;
}

export interface ModelQuality {
  model: string;
  name: string;
  freshnessDays: number;
  score: QualityScore;
}

export interface OwnerQuality {
  ownerTeamId?: string | null;
  score: QualityScore;
}

export interface QualityReport {
  computedAt: string;
  completenessWeight: number;
  freshnessWeight: number;
  defaultFreshnessDays: number;
  overall: QualityScore;
  models: ModelQuality[];
  owners: OwnerQuality[];
}

export interface AttributeCompleteness {
  code: string;
  name: string;
  required: boolean;
  recommended: boolean;
  counted: boolean;
  filled: number;
  cis: number;
  completeness?: number | null;
}

export interface ModelQualityDetail {
  model: string;
  name: string;
  freshnessDays: number;
  score: QualityScore;
  attributes: AttributeCompleteness[];
}

export interface MissingAttribute {
  code: string;
  name: string;
  required: boolean;
}

export interface QualityIssue {
  ciId: string;
  name: string;
  model: string;
  ownerTeamId?: string | null;
  state: string;
  missing: MissingAttribute[];
  incomplete: boolean;
  stale: boolean;
  updatedAt: string;
  verifiedAt?: string | null;
  lastSeenAt: string;
  daysSinceSeen: number;
  freshnessDays: number;
}

export interface QualityTrendPoint {
  day: string;
  score: QualityScore;
}

export interface CiVerification {
  ciId: string;
  version: number;
  verifiedAt: string;
  verifiedBy: string;
}

export type IssueKind = 'incomplete' | 'stale';

export interface IssueFilters {
  model?: string;
  /** a team id, or `none` for CIs without an owner */
  owner?: string;
  kind?: IssueKind;
}

const id = encodeURIComponent;

export const qualityApi = {
  report: () => api<QualityReport>('/api/v1/cmdb/quality'),
  model: (code: string) => api<ModelQualityDetail>(`/api/v1/cmdb/quality/models/${id(code)}`),
  issues: (filters: IssueFilters, cursor?: string, limit = 50) =>
    api<Page<QualityIssue>>('/api/v1/cmdb/quality/issues', {
      query: { ...filters, cursor, limit },
    }),
  trend: (days: number, scope?: { model?: string; owner?: string }) =>
    api<QualityTrendPoint[]>('/api/v1/cmdb/quality/trend', { query: { days, ...scope } }),
  verify: (ciId: string) =>
    api<CiVerification>(`/api/v1/cmdb/cis/${id(ciId)}/verify`, {
      method: 'POST',
      headers: { 'X-Change-Source': 'CONSOLE' },
    }),
};
