import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../app/feedback';
import { allowed } from '../app/permissions';
import { usePermissions } from '../app/session';
import { cisApi } from '../cmdb/cis/api';
import { C } from '../cmdb/permissions';
import type { AlertState, Severity } from './api';
import {
  formatMatcher,
  MATCHER_OPS,
  parseMatcher,
  parseMatcherList,
  validateMatcher,
  type Matcher,
  type MatcherOp,
} from './matchers';
import { notAvailable } from './pendingApi';

export const SEVERITY_COLORS: Record<Severity, string> = {
  CRITICAL: 'red',
  MAJOR: 'volcano',
  MINOR: 'orange',
  WARNING: 'gold',
  INFO: 'blue',
};

const STATE_COLORS: Record<AlertState, string> = {
  OPEN: 'red',
  ACKNOWLEDGED: 'blue',
  SUPPRESSED: 'default',
  RESOLVED: 'green',
  CLOSED: 'default',
};

export function SeverityTag({ severity }: { severity?: Severity | null }) {
  const { t } = useTranslation();
  if (!severity) return null;
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`event.severity.${severity}`)}</Tag>;
}

export function StateTag({ state }: { state: AlertState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`event.state.${state}`, { defaultValue: state })}</Tag>
  );
}

export function SourceLabel({ source }: { source?: string | null }) {
  const { t } = useTranslation();
  if (!source) return <>—</>;
  return <>{t(`event.source.${source}`, { defaultValue: source })}</>;
}

/** A time as local date and time, with the relative time as tooltip. */
export function Time({ at }: { at?: string | null }) {
  if (!at) return <>—</>;
  const d = dayjs(at);
  return (
    <Tooltip title={d.toISOString()}>
      <span>{d.format('YYYY-MM-DD HH:mm:ss')}</span>
    </Tooltip>
  );
}

/** A failed call: "not available on this server" for endpoints the server does not offer, else the error. */
export function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (notAvailable(error))
    return (
      <Alert
        type="info"
        showIcon
        title={t('event.common.notAvailable')}
        description={t('event.common.notAvailableHint')}
        style={{ marginBottom: 12 }}
        data-testid="event-not-available"
      />
    );
  return <ErrorAlert error={error} style={{ marginBottom: 12 }} />;
}

/** A CI by name, linked to its page when the user may read CIs; the id otherwise. */
export function CiLink({ id }: { id?: string | null }) {
  const permissions = usePermissions();
  const mayRead = allowed(C.CI_READ, permissions);
  const ci = useQuery({
    queryKey: ['cmdb-ci', id],
    queryFn: () => cisApi.get(id!),
    enabled: !!id && mayRead,
    staleTime: 60_000,
    retry: false,
  });
  if (!id) return <>—</>;
  const label = ci.data?.name ?? `…${id.slice(-12)}`;
  return mayRead ? <Link to={`/cmdb/cis/${id}`}>{label}</Link> : <span>{label}</span>;
}

/** A CI's name without a link (inside selects and charts); a short id until it is known. */
export function CiName({ id }: { id: string }) {
  const permissions = usePermissions();
  const ci = useQuery({
    queryKey: ['cmdb-ci', id],
    queryFn: () => cisApi.get(id),
    enabled: allowed(C.CI_READ, permissions),
    staleTime: 60_000,
    retry: false,
  });
  return <>{ci.data?.name ?? `…${id.slice(-12)}`}</>;
}

export function LabelTags({ labels, max }: { labels?: Record<string, string> | null; max?: number }) {
  const entries = Object.entries(labels ?? {});
  const shown = max ? entries.slice(0, max) : entries;
  return (
    <Space size={[4, 4]} wrap>
      {shown.map(([k, v]) => (
        <Tag key={k} className="ts-mono">
          {k}={v}
        </Tag>
      ))}
      {max && entries.length > max && (
        <Typography.Text type="secondary">+{entries.length - max}</Typography.Text>
      )}
    </Space>
  );
}

/**
 * Editing a list of label matchers: name, operator (=, !=, =~, !~), value per row, each
 * checked as typed; a paste box takes Alertmanager's `{a="b", c=~"d"}` form.
 */
export function MatcherEditor({
  value = [],
  onChange,
  testId = 'matcher-editor',
}: {
  value?: Matcher[];
  onChange?: (m: Matcher[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Matcher>) =>
    onChange?.(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div data-testid={testId}>
      {value.map((m, i) => {
        const error = m.name || m.value ? validateMatcher(m) : null;
        return (
          <div key={i} style={{ marginBottom: 8 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                style={{ width: '35%' }}
                placeholder={t('event.matchers.name')}
                value={m.name}
                status={error === 'name' || error === 'empty' ? 'error' : undefined}
                onChange={(e) => set(i, { name: e.target.value.trim() })}
              />
              <Select<MatcherOp>
                style={{ width: 80 }}
                value={m.op}
                onChange={(op) => set(i, { op })}
                options={MATCHER_OPS.map((op) => ({ value: op, label: op }))}
              />
              <Input
                placeholder={t('event.matchers.value')}
                value={m.value}
                status={error === 'regex' ? 'error' : undefined}
                onChange={(e) => set(i, { value: e.target.value })}
              />
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('app.actions.delete')}
                onClick={() => onChange?.(value.filter((_, j) => j !== i))}
              />
            </Space.Compact>
            {error && <Typography.Text type="danger">{t(`event.matchers.errors.${error}`)}</Typography.Text>}
          </div>
        );
      })}
      <Space wrap>
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange?.([...value, { name: '', op: '=', value: '' }])}
          data-testid={`${testId}-add`}
        >
          {t('event.matchers.add')}
        </Button>
        <Input
          style={{ width: 320 }}
          placeholder={t('event.matchers.paste')}
          value={paste}
          status={pasteError ? 'error' : undefined}
          onChange={(e) => {
            setPaste(e.target.value);
            setPasteError(null);
          }}
          onPressEnter={(e) => {
            e.preventDefault();
            const r = parseMatcherList(paste);
            if (!r.ok) setPasteError(`${t(`event.matchers.errors.${r.error}`)}: ${r.part}`);
            else {
              onChange?.([...value, ...r.matchers]);
              setPaste('');
            }
          }}
        />
      </Space>
      {pasteError && (
        <div>
          <Typography.Text type="danger">{pasteError}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** The complete, valid matchers of an editor's value. */
export const validMatchers = (ms: Matcher[] | undefined) =>
  (ms ?? []).filter((m) => m.name && !validateMatcher(m));

/** Matcher strings (as stored) to editor rows; unreadable strings are kept as an equality on their text. */
export function toRows(strings: readonly string[] | null | undefined): Matcher[] {
  return (strings ?? []).map((s) => {
    const r = parseMatcher(s);
    return r.ok ? r.matcher : { name: s, op: '=' as const, value: '' };
  });
}

export function MatcherTags({ matchers }: { matchers?: readonly string[] | null }) {
  return (
    <Space size={[4, 4]} wrap>
      {(matchers ?? []).map((m) => {
        const r = parseMatcher(m);
        return (
          <Tag key={m} className="ts-mono">
            {r.ok ? formatMatcher(r.matcher) : m}
          </Tag>
        );
      })}
    </Space>
  );
}

/** Picks CIs by name through the CMDB search (`name ~ "*text*"`), optionally of one model. */
/** One CI (or business system) of the picker; the last one picked wins. */
export function SingleCiPicker({
  value,
  onChange,
  model,
  placeholder,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  model?: string;
  placeholder?: string;
}) {
  return (
    <CiPicker
      value={value ? [value] : []}
      onChange={(ids) => onChange?.(ids.at(-1) ?? null)}
      model={model}
      placeholder={placeholder}
    />
  );
}

export function CiPicker({
  value,
  onChange,
  model,
  placeholder,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  model?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState('');
  const q = [model ? `model = ${model}` : '', text ? `name ~ "*${text.replace(/["\\*]/g, '')}*"` : '']
    .filter(Boolean)
    .join(' and ');
  const found = useQuery({
    queryKey: ['event-ci-picker', q],
    queryFn: () => cisApi.search(q, undefined, undefined, 20),
    staleTime: 30_000,
    retry: false,
  });
  const options = (found.data?.items ?? []).map((ci) => ({
    value: ci.id,
    label: `${ci.name} (${ci.model})`,
  }));
  for (const id of value ?? [])
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: `…${id.slice(-12)}` });
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={placeholder}
      value={value ?? []}
      onChange={onChange}
      options={options}
      loading={found.isFetching}
      labelRender={({ value: id }) => <CiName id={String(id)} />}
    />
  );
}
