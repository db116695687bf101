/**
 * Types and calls of the maturity API (成熟度评估), matched to the server's records
 * (io.tianshu.maturity: FrameworkController, AssessmentController, ReportController,
 * ProbeController).
 */
import { api, withQuery } from '../api/client';
import { csrfToken } from '../api/csrf';
import { parseProblem } from '../api/problem';

export interface Text {
  zh: string;
  en: string;
}

export type Answer = 'MET' | 'PARTLY' | 'NOT_MET' | 'NOT_APPLICABLE';
export const ANSWERS: Answer[] = ['MET', 'PARTLY', 'NOT_MET', 'NOT_APPLICABLE'];
export type Verdict = 'MET' | 'NOT_MET' | 'NOT_OBSERVABLE';
export type Status = 'DRAFT' | 'IN_REVIEW' | 'SIGNED_OFF';
export type LinkType = 'CI' | 'AUDIT_QUERY' | 'ALERT_RULE' | 'URL';
export const LINK_TYPES: LinkType[] = ['CI', 'AUDIT_QUERY', 'ALERT_RULE', 'URL'];

export interface Criterion {
  id: string;
  point: string;
  clause: string;
  summary: Text;
}

export interface Level {
  level: number;
  criteria: Criterion[];
  sameAs?: number | null;
}

export interface FrameworkNode {
  id: string;
  kind: string;
  name: Text;
  clause: string;
  scale?: string | null;
  description?: Text | null;
  children: FrameworkNode[];
  levels: Level[];
}

export interface Scale {
  id: string;
  name: Text;
  levels: { level: number; name: Text; description?: Text | null }[];
}

export interface Framework {
  id: string;
  version: string;
  title: Text;
  source: string;
  scales: Scale[];
  nodes: FrameworkNode[];
}

export interface FrameworkSummary {
  id: string;
  version: string;
  title: Text;
  source: string;
  nodes: number;
  criteria: number;
}

export interface EvidenceLink {
  type: LinkType;
  target: string;
  label?: string | null;
}

export interface Attachment {
  id: string;
  criterionId: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface CriterionAnswer {
  criterionId: string;
  answer: Answer | null;
  notes?: string | null;
  links: EvidenceLink[];
  source: 'MANUAL' | 'PROBE' | 'OVERRIDE' | null;
  probeId?: string | null;
  probeVerdict?: Verdict | null;
  probeResultId?: string | null;
  overrideReason?: string | null;
  answeredBy?: string | null;
  answeredAt?: string | null;
  attachments: Attachment[];
}

export interface Assessment {
  id: string;
  frameworkId: string;
  frameworkVersion: string;
  title: string;
  scope: { kind: 'ORGANISATION' | 'SYSTEMS'; systems: { id: string; name: string }[] };
  assessors: string[];
  reviewer: string;
  status: Status;
  reviewNote?: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  submittedAt?: string | null;
  signedOffAt?: string | null;
  signedOffBy?: string | null;
}

export interface AssessmentDetail {
  assessment: Assessment;
  answers: Record<string, CriterionAnswer>;
}

export interface NewAssessment {
  frameworkId: string;
  title: string;
  scopeKind: 'ORGANISATION' | 'SYSTEMS';
  systemIds: string[];
  assessors: string[];
  reviewer: string;
}

export interface ProbeResult {
  id: string;
  runId: string;
  probeId: string;
  probeVersion: string;
  verdict: Verdict;
  summary: Text;
  counts: Record<string, unknown>;
  ids: string[];
  links: EvidenceLink[];
  criteria: string[];
  evaluatedAt: string;
}

export interface ProbeView {
  id: string;
  version: string;
  title: Text;
  criteria: string[];
  bound: string[];
  unbound: string[];
  status: 'bound' | 'partly-bound' | 'unbound';
  latest?: ProbeResult | null;
}

export interface NodeResult {
  id: string;
  parentId?: string | null;
  depth: number;
  kind: string;
  name: string;
  clause: string;
  graded: boolean;
  level: number;
  maxLevel: number;
  score: number;
  applicable: boolean;
  answered: number;
  total: number;
}

export interface Indicator {
  nodeId: string;
  name: string;
  max: number;
  score: number;
  previous?: number | null;
}

export interface GapCriterion {
  id: string;
  clause: string;
  summary: string;
  answer?: Answer | null;
}

export interface Report {
  assessment: Assessment;
  frameworkTitle: string;
  frameworkVersion: string;
  lang: string;
  generatedAt: string;
  answered: number;
  total: number;
  nodes: NodeResult[];
  radars: { id: string; title: string; indicators: Indicator[] }[];
  gaps: {
    groupId: string;
    groupName: string;
    items: {
      nodeId: string;
      nodeName: string;
      clause: string;
      currentLevel: number;
      targetLevel: number;
      criteria: GapCriterion[];
    }[];
  }[];
  roadmap: {
    targetLevel: number;
    steps: {
      nodeId: string;
      nodeName: string;
      groupName: string;
      fromLevel: number;
      criteria: GapCriterion[];
    }[];
  }[];
  comparison?: {
    previousId: string;
    previousTitle: string;
    previousSignedOffAt: string;
    deltas: { nodeId: string; name: string; depth: number; before: number; now: number; delta: number }[];
  } | null;
  overrides: {
    criterionId: string;
    clause: string;
    probeId: string;
    probeVerdict: Verdict;
    answer: Answer;
    reason: string;
    by: string;
    at: string;
  }[];
}

const base = '/api/v1/maturity';

export const maturityApi = {
  frameworks: () => api<FrameworkSummary[]>(`${base}/frameworks`),
  framework: (id: string) => api<Framework>(`${base}/frameworks/${encodeURIComponent(id)}`),
  assessments: (frameworkId?: string) => api<Assessment[]>(withQuery(`${base}/assessments`, { frameworkId })),
  assessment: (id: string) => api<AssessmentDetail>(`${base}/assessments/${id}`),
  create: (body: NewAssessment) => api<Assessment>(`${base}/assessments`, { method: 'POST', body }),
  remove: (id: string) => api<void>(`${base}/assessments/${id}`, { method: 'DELETE' }),
  answer: (
    id: string,
    criterionId: string,
    body: { answer: Answer; notes?: string; links?: EvidenceLink[]; overrideReason?: string },
  ) =>
    api<CriterionAnswer>(`${base}/assessments/${id}/answers/${encodeURIComponent(criterionId)}`, {
      method: 'PUT',
      body,
    }),
  clear: (id: string, criterionId: string) =>
    api<void>(`${base}/assessments/${id}/answers/${encodeURIComponent(criterionId)}`, { method: 'DELETE' }),
  prefill: (id: string) =>
    api<{ filled: number; keptManual: number; notObservable: number }>(`${base}/assessments/${id}/prefill`, {
      method: 'POST',
    }),
  submit: (id: string) => api<Assessment>(`${base}/assessments/${id}/submit`, { method: 'POST' }),
  returnToAssessors: (id: string, note: string) =>
    api<Assessment>(`${base}/assessments/${id}/return`, { method: 'POST', body: { note } }),
  signOff: (id: string, note: string) =>
    api<Assessment>(`${base}/assessments/${id}/sign-off`, { method: 'POST', body: { note } }),
  detach: (id: string, attachmentId: string) =>
    api<void>(`${base}/assessments/${id}/attachments/${attachmentId}`, { method: 'DELETE' }),
  attachmentUrl: (id: string, attachmentId: string) =>
    `${base}/assessments/${id}/attachments/${attachmentId}`,
  report: (id: string, lang: string) => api<Report>(withQuery(`${base}/assessments/${id}/report`, { lang })),
  pdfUrl: (id: string, lang: string) => withQuery(`${base}/assessments/${id}/report.pdf`, { lang }),
  probes: () => api<ProbeView[]>(`${base}/probes`),
  runProbes: () => api<{ results: ProbeResult[] }>(`${base}/probes/run`, { method: 'POST', body: {} }),
  /** Uploads an evidence file (multipart; the JSON client does not send files). */
  async attach(id: string, criterionId: string, file: File): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file);
    const response = await fetch(
      `${base}/assessments/${id}/answers/${encodeURIComponent(criterionId)}/attachments`,
      {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
        headers: { 'X-XSRF-TOKEN': csrfToken() ?? '' },
      },
    );
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      throw parseProblem(response.status, body, response.statusText);
    }
    return (await response.json()) as Attachment;
  },
};
