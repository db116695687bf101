import {
  CheckOutlined,
  DownloadOutlined,
  PlusOutlined,
  ReloadOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, formFieldErrors } from '../../api/errors';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import {
  ALERT_STATES,
  alertsApi,
  INTEGRATION_KINDS,
  SEVERITIES,
  type AlertFilters,
  type Page,
  type Severity,
} from '../api';
import { applyAlertEvent, useLiveAlerts, type AlertEvent, type LiveMode } from '../live';
import { parseMatcher } from '../matchers';
import { notAvailable, reportApi, type LiveAlert } from '../pendingApi';
import { E } from '../permissions';
import {
  CiLink,
  CiName,
  QueryError,
  SeverityTag,
  SingleCiPicker,
  SourceLabel,
  StateTag,
  Time,
} from '../shared';
import { filtersFromSearch, searchFromFilters, toggle } from './filters';

const LIVE_BADGE: Record<LiveMode, 'processing' | 'warning' | 'default' | 'success'> = {
  connecting: 'default',
  live: 'processing',
  reconnecting: 'warning',
  polling: 'success',
};

function FacetTags({
  field,
  values,
  counts,
  selected,
  onToggle,
}: {
  field: 'state' | 'severity';
  values: readonly string[];
  counts?: Record<string, number>;
  selected?: string[];
  onToggle: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap data-testid={`alerts-facet-${field}`}>
      {values.map((v) => (
        <Tag.CheckableTag key={v} checked={!!selected?.includes(v)} onChange={() => onToggle(v)}>
          {t(`event.${field}.${v}`)} <Typography.Text type="secondary">{counts?.[v] ?? 0}</Typography.Text>
        </Tag.CheckableTag>
      ))}
    </Space>
  );
}

const REPORT_FIELDS = [
  'summary',
  'description',
  'severity',
  'startsAt',
  'ciId',
  'businessSystemId',
  'labels',
];

/** 人工上报: a person reports an anomaly (source `manual`), counted by the missed-report indicator. */
function ReportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{
    summary: string;
    description?: string;
    severity: Severity;
    startsAt: Dayjs;
    ciId?: string | null;
    businessSystemId?: string | null;
    labels?: string;
  }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    const labels: Record<string, string> = {};
    for (const line of (v.labels ?? '').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) labels[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    setBusy(true);
    try {
      await reportApi.report({
        summary: v.summary,
        description: v.description || undefined,
        severity: v.severity,
        startsAt: v.startsAt.toISOString(),
        ciId: v.ciId || undefined,
        businessSystemId: v.businessSystemId || undefined,
        labels,
      });
      void message.success(t('event.alerts.reported'));
      form.resetFields();
      onDone();
    } catch (e) {
      form.setFields(formFieldErrors(e, t, i18n, REPORT_FIELDS));
      void message.error(notAvailable(e) ? t('event.common.notAvailable') : errorMessage(e, t, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('event.alerts.report')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      afterOpenChange={(visible) =>
        visible && !form.isFieldTouched('startsAt') && form.setFieldValue('startsAt', dayjs())
      }
    >
      <Form form={form} layout="vertical" initialValues={{ severity: 'WARNING' }}>
        <Form.Item
          name="summary"
          label={t('event.alerts.summary')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="description" label={t('event.alerts.reportDescription')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="startsAt"
          label={t('event.alerts.reportStartsAt')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="businessSystemId" label={t('event.alerts.businessSystem')}>
          <SingleCiPicker model="business_system" />
        </Form.Item>
        <Form.Item name="ciId" label={t('event.alerts.ci')} extra={t('event.alerts.reportCiHint')}>
          <SingleCiPicker />
        </Form.Item>
        <Form.Item name="severity" label={t('event.alerts.severity')}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`event.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="labels" label={t('event.alerts.labels')} extra={t('event.alerts.labelsHint')}>
          <Input.TextArea rows={3} className="ts-mono" placeholder={'host=srv01\nservice=trade'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 告警: the live alert list with filters, facets, bulk acknowledge/resolve and CSV export. */
export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const permissions = usePermissions();
  const canWrite = allowed(E.ALERT_WRITE, permissions);
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const setFilters = (f: AlertFilters) => setSearch(searchFromFilters(f), { replace: true });
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [matcherText, setMatcherText] = useState('');
  const [matcherError, setMatcherError] = useState<string | null>(null);

  const listKey = ['event-alerts', filters];
  const list = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam }) => alertsApi.list(filters, pageParam, 50),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const facets = useQuery({
    queryKey: ['event-alert-facets', filters],
    queryFn: () => alertsApi.facets(filters),
  });
  // facets without the state/severity filter, so the counts of the other values stay visible
  const all = useQuery({
    queryKey: ['event-alert-facets', { ...filters, state: undefined, severity: undefined }],
    queryFn: () => alertsApi.facets({ ...filters, state: undefined, severity: undefined }),
  });

  const refetchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pendingList = useRef(false);
  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: ['event-alerts'] });
    void client.invalidateQueries({ queryKey: ['event-alert-facets'] });
  }, [client]);
  const onEvent = useCallback(
    (event: AlertEvent) => {
      let needsRefetch = true;
      client.setQueryData<InfiniteData<Page<LiveAlert>>>(listKey, (data) => {
        if (!data) return data;
        const r = applyAlertEvent(data.pages, event);
        needsRefetch = r.refetch;
        return { ...data, pages: r.pages as Page<LiveAlert>[] };
      });
      // counts change with every event, and alerts not shown need the server's filtering:
      // at most one refetch a second, remembering whether any event in between asked for the list
      pendingList.current ||= needsRefetch;
      clearTimeout(refetchTimer.current);
      refetchTimer.current = setTimeout(() => {
        if (pendingList.current) refresh();
        else void client.invalidateQueries({ queryKey: ['event-alert-facets'] });
        pendingList.current = false;
      }, 1000);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listKey follows filters
    [client, refresh, filters],
  );
  const live = useLiveAlerts(onEvent, refresh);

  const rows = (list.data?.pages.flatMap((p) => p.items) ?? []) as LiveAlert[];

  const bulk = async (action: 'acknowledge' | 'resolve') => {
    setBulkBusy(true);
    const results = await Promise.allSettled(selected.map((id) => alertsApi[action](id)));
    setBulkBusy(false);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const ok = results.length - failed.length;
    if (ok) void message.success(t(`event.alerts.bulkDone.${action}`, { count: ok }));
    if (failed.length)
      void message.warning(
        t('event.alerts.bulkFailed', {
          count: failed.length,
          reason: errorMessage(failed[0].reason, t, i18n),
        }),
      );
    setSelected([]);
    refresh();
  };

  const addMatcher = () => {
    const r = parseMatcher(matcherText);
    if (!r.ok) {
      setMatcherError(t(`event.matchers.errors.${r.error}`));
      return;
    }
    setFilters({ ...filters, matcher: [...(filters.matcher ?? []), matcherText.trim()] });
    setMatcherText('');
    setMatcherError(null);
  };

  const columns: TableColumnsType<LiveAlert> = [
    {
      title: t('event.alerts.severity'),
      key: 'severity',
      width: 90,
      render: (_, a) => <SeverityTag severity={a.severity} />,
    },
    {
      title: t('event.alerts.summary'),
      key: 'summary',
      render: (_, a) => (
        <Space size={4} wrap>
          <Link to={`/events/alerts/${a.id}`}>{a.summary || a.fingerprint}</Link>
          {a.flapping && (
            <Tooltip title={t('event.alerts.flappingHint')}>
              <Tag color="orange" icon={<ThunderboltOutlined />} data-testid="alert-flapping">
                {t('event.alerts.flapping')}
              </Tag>
            </Tooltip>
          )}
          {a.symptomOf != null && (
            <Link to={`/events/alerts/${a.symptomOf}`}>
              <Tag color="purple" data-testid="alert-symptom">
                {t('event.alerts.symptomOf', { id: a.symptomOf })}
              </Tag>
            </Link>
          )}
        </Space>
      ),
    },
    {
      title: t('event.alerts.ci'),
      key: 'ci',
      width: 200,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <CiLink id={a.ciId} />
          {a.businessSystemId && (
            <Typography.Text type="secondary">
              <CiLink id={a.businessSystemId} />
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('event.alerts.source'),
      key: 'source',
      width: 120,
      render: (_, a) => <SourceLabel source={a.source} />,
    },
    {
      title: t('event.alerts.state'),
      key: 'state',
      width: 90,
      render: (_, a) => <StateTag state={a.state} />,
    },
    { title: t('event.alerts.occurrences'), dataIndex: 'occurrences', width: 80, align: 'right' },
    {
      title: t('event.alerts.firstSeen'),
      key: 'first',
      width: 170,
      render: (_, a) => <Time at={a.firstSeen} />,
    },
    {
      title: t('event.alerts.lastSeen'),
      key: 'last',
      width: 170,
      render: (_, a) => <Time at={a.lastSeen} />,
    },
  ];

  const bs = all.data?.businessSystem ?? {};
  const sources = all.data?.source ?? {};

  return (
    <Card
      title={
        <Space>
          {t('event.alerts.menu')}
          <Tooltip title={t(`event.alerts.liveHint.${live.state.mode}`)}>
            <Badge
              status={LIVE_BADGE[live.state.mode]}
              text={t(`event.alerts.live.${live.state.mode}`)}
              data-testid="alerts-live"
            />
          </Tooltip>
          {live.state.mode === 'polling' && (
            <Button size="small" type="link" onClick={live.retry}>
              {t('event.alerts.retryStream')}
            </Button>
          )}
        </Space>
      }
      extra={
        <Space>
          {canWrite && (
            <Button icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="alerts-report">
              {t('event.alerts.report')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={alertsApi.exportUrl(filters)} data-testid="alerts-export">
            {t('event.alerts.export')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('app.actions.refresh')} />
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="small">
        <Space wrap>
          <Typography.Text strong>{t('event.alerts.state')}</Typography.Text>
          <FacetTags
            field="state"
            values={ALERT_STATES}
            counts={all.data?.state}
            selected={filters.state}
            onToggle={(v) => setFilters({ ...filters, state: toggle(filters.state, v) })}
          />
        </Space>
        <Space wrap>
          <Typography.Text strong>{t('event.alerts.severity')}</Typography.Text>
          <FacetTags
            field="severity"
            values={SEVERITIES}
            counts={facets.data?.severity}
            selected={filters.severity}
            onToggle={(v) => setFilters({ ...filters, severity: toggle(filters.severity, v) })}
          />
        </Space>
        <Space wrap>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('event.alerts.source')}
            value={filters.source ?? []}
            onChange={(source: string[]) => setFilters({ ...filters, source })}
            options={INTEGRATION_KINDS.map((k) => ({
              value: k,
              label: `${t(`event.source.${k}`)} (${sources[k] ?? 0})`,
            }))}
            data-testid="alerts-filter-source"
          />
          <Select
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('event.alerts.businessSystem')}
            value={filters.businessSystem}
            onChange={(businessSystem?: string) => setFilters({ ...filters, businessSystem })}
            options={Object.entries(bs).map(([id, n]) => ({
              value: id,
              label: (
                <span>
                  <CiName id={id} /> ({n})
                </span>
              ),
            }))}
            data-testid="alerts-filter-business"
          />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('event.alerts.search')}
            defaultValue={filters.q}
            onSearch={(q) => setFilters({ ...filters, q: q || undefined })}
            data-testid="alerts-filter-q"
          />
          <Tooltip title={t('event.alerts.matcherHint')}>
            <Input
              style={{ width: 240 }}
              className="ts-mono"
              placeholder='env="prod"'
              value={matcherText}
              status={matcherError ? 'error' : undefined}
              onChange={(e) => {
                setMatcherText(e.target.value);
                setMatcherError(null);
              }}
              onPressEnter={addMatcher}
              data-testid="alerts-filter-matcher"
            />
          </Tooltip>
          {matcherError && <Typography.Text type="danger">{matcherError}</Typography.Text>}
          {(filters.matcher ?? []).map((m) => (
            <Tag
              key={m}
              closable
              className="ts-mono"
              onClose={() => setFilters({ ...filters, matcher: filters.matcher?.filter((x) => x !== m) })}
            >
              {m}
            </Tag>
          ))}
          <Typography.Text type="secondary" data-testid="alerts-total">
            {t('event.alerts.total', { count: facets.data?.total ?? 0 })}
          </Typography.Text>
        </Space>
        {canWrite && selected.length > 0 && (
          <Space>
            <Typography.Text>{t('event.alerts.selected', { count: selected.length })}</Typography.Text>
            <Button
              icon={<CheckOutlined />}
              loading={bulkBusy}
              onClick={() => void bulk('acknowledge')}
              data-testid="alerts-bulk-ack"
            >
              {t('event.actions.acknowledge')}
            </Button>
            <Button loading={bulkBusy} onClick={() => void bulk('resolve')} data-testid="alerts-bulk-resolve">
              {t('event.actions.resolve')}
            </Button>
          </Space>
        )}
        <QueryError error={list.error} />
        <Table<LiveAlert>
          size="small"
          rowKey="id"
          loading={list.isPending}
          pagination={false}
          dataSource={rows}
          columns={columns}
          rowSelection={
            canWrite
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }
              : undefined
          }
          data-testid="alerts-table"
        />
        <div style={{ textAlign: 'center' }}>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('app.actions.loadMore')}
            </Button>
          )}
        </div>
      </Space>
      <ReportModal
        open={reporting}
        onClose={() => setReporting(false)}
        onDone={() => {
          setReporting(false);
          refresh();
        }}
      />
    </Card>
  );
}
