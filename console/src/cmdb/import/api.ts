/**
 * Calls and types of the CMDB import/export API (server: `io.tianshu.cmdb.web.TransferController`,
 * records in `io.tianshu.cmdb.transfer`). Own types, matched to the server records.
 */
import { api, withQuery } from '../../api/client';

export interface ColumnMapping {
  column: string;
  header: string;
  field: string;
}

export interface Counts {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  invalid: number;
}

export interface RowError {
  row: number;
  column?: string | null;
  header?: string | null;
  field?: string | null;
  code: string;
  message: string;
}

export interface Duplicate {
  key: string;
  value: string;
  rows: number[];
}

export interface Applied {
  mode: 'all' | 'validOnly';
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface ImportReport {
  columns: ColumnMapping[];
  counts: Counts;
  errors: RowError[];
  errorsTruncated: boolean;
  duplicates: Duplicate[];
  applied?: Applied | null;
}

export type ImportKind = 'cis' | 'relations';

export interface ImportJob {
  id: string;
  kind: 'CIS' | 'RELATIONS';
  model?: string | null;
  fileName?: string | null;
  format: 'CSV' | 'XLSX';
  charset?: string | null;
  status: 'PREVIEWED' | 'APPLIED' | 'EXPIRED';
  createdBy: string;
  createdAt: string;
  appliedBy?: string | null;
  appliedAt?: string | null;
  report: ImportReport;
}

export interface ModelSummary {
  code: string;
  name: string;
  nameEn?: string | null;
  group: string;
}

export type ExportFormat = 'csv' | 'csv-gbk' | 'xlsx';

export type Charset = 'auto' | 'UTF-8' | 'GBK';

export const importApi = {
  models: () => api<ModelSummary[]>('/api/v1/cmdb/models'),
  dryRun: (kind: ImportKind, model: string | undefined, charset: Charset, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<ImportJob>(
      withQuery('/api/v1/cmdb/imports', {
        mode: 'dryRun',
        kind,
        model: kind === 'cis' ? model : undefined,
        charset: charset === 'auto' ? undefined : charset,
      }),
      { method: 'POST', body: form },
    );
  },
  get: (id: string) => api<ImportJob>(`/api/v1/cmdb/imports/${id}`),
  apply: (id: string, rows: 'all' | 'validOnly') =>
    api<ImportJob>(`/api/v1/cmdb/imports/${id}/apply`, { method: 'POST', body: { rows } }),
};

/** Where the browser downloads an export or a template of a model. */
export function downloadUrl(kind: 'export' | 'template', model: string, format: ExportFormat): string {
  const path = kind === 'export' ? '/api/v1/cmdb/exports' : '/api/v1/cmdb/imports/template';
  return withQuery(path, { model, format });
}
