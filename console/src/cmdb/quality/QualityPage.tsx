import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { LineChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminApi } from '../../api/admin';
import { Chart } from '../../app/Chart';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { P } from '../../platform/permissions';
import { C } from '../permissions';
import {
  qualityApi,
  type AttributeCompleteness,
  type IssueFilters,
  type IssueKind,
  type ModelQuality,
  type OwnerQuality,
  type QualityIssue,
  type QualityScore,
} from './api';
import { formatScore, grade, GRADE_COLORS, ownerLabel, trendOption, worstFirst } from './score';

// the shared Chart registers bar and pie; the trend needs lines
echarts.use([LineChart]);

function Gauge({ title, value, hint }: { title: string; value?: number | null; hint: string }) {
  return (
    <div style={{ textAlign: 'center' }} data-testid={`quality-gauge-${title}`}>
      <Progress
        type="dashboard"
        percent={value ?? 0}
        strokeColor={GRADE_COLORS[grade(value)]}
        format={() => formatScore(value)}
      />
      <div>
        <Typography.Text strong>{title}</Typography.Text>
      </div>
      <Typography.Text type="secondary">{hint}</Typography.Text>
    </div>
  );
}

function ScoreCell({ value }: { value?: number | null }) {
  return <span style={{ color: GRADE_COLORS[grade(value)], fontWeight: 500 }}>{formatScore(value)}</span>;
}

function scoreColumns<T>(t: (key: string) => string, scoreOf: (row: T) => QualityScore): TableColumnsType<T> {
  return [
    { title: t('cmdb.quality.cis'), key: 'cis', width: 90, render: (_, r) => scoreOf(r).cis },
    {
      title: t('cmdb.quality.completeness'),
      key: 'completeness',
      width: 110,
      render: (_, r) => <ScoreCell value={scoreOf(r).completeness} />,
    },
    {
      title: t('cmdb.quality.freshness'),
      key: 'freshness',
      width: 110,
      render: (_, r) => <ScoreCell value={scoreOf(r).freshness} />,
    },
    {
      title: t('cmdb.quality.overall'),
      key: 'overall',
      width: 110,
      render: (_, r) => <ScoreCell value={scoreOf(r).overall} />,
    },
  ];
}

function ModelDrawer({
  model,
  onClose,
  onIssues,
}: {
  model: string | null;
  onClose: () => void;
  onIssues: (model: string) => void;
}) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['cmdb-quality-model', model],
    queryFn: () => qualityApi.model(model!),
    enabled: model !== null,
  });
  const d = detail.data;
  return (
    <Drawer
      open={model !== null}
      onClose={onClose}
      size="large"
      title={d ? `${d.name} (${d.model})` : model}
      extra={
        model && (
          <Button onClick={() => onIssues(model)} data-testid="quality-model-issues">
            {t('cmdb.quality.showIssues')}
          </Button>
        )
      }
    >
      {detail.error && <ErrorAlert error={detail.error} />}
      {d && (
        <>
          <Space size="large" style={{ marginBottom: 16 }}>
            <span>
              {t('cmdb.quality.completeness')} <ScoreCell value={d.score.completeness} />
            </span>
            <span>
              {t('cmdb.quality.freshness')} <ScoreCell value={d.score.freshness} />
            </span>
            <span>
              {t('cmdb.quality.overall')} <ScoreCell value={d.score.overall} />
            </span>
            <Typography.Text type="secondary">
              {t('cmdb.quality.window', { days: d.freshnessDays })}
            </Typography.Text>
          </Space>
          <Table<AttributeCompleteness>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={d.attributes}
            data-testid="quality-attributes"
            columns={[
              {
                title: t('cmdb.quality.attribute'),
                key: 'name',
                render: (_, a) => (
                  <Space>
                    {a.name}
                    <Typography.Text type="secondary" className="ts-mono">
                      {a.code}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('cmdb.quality.rule'),
                key: 'rule',
                width: 110,
                render: (_, a) =>
                  a.required ? (
                    <Tag color="red">{t('cmdb.quality.required')}</Tag>
                  ) : a.recommended ? (
                    <Tag color="blue">{t('cmdb.quality.recommended')}</Tag>
                  ) : (
                    <Tag>{t('cmdb.quality.optional')}</Tag>
                  ),
              },
              {
                title: t('cmdb.quality.filled'),
                key: 'filled',
                width: 200,
                render: (_, a) => (
                  <Tooltip title={`${a.filled} / ${a.cis}`}>
                    <Progress
                      percent={a.completeness ?? 0}
                      size="small"
                      strokeColor={a.counted ? GRADE_COLORS[grade(a.completeness)] : undefined}
                      format={() => formatScore(a.completeness)}
                    />
                  </Tooltip>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

function IssueList({
  filters,
  setFilters,
  models,
  owners,
  teams,
}: {
  filters: IssueFilters;
  setFilters: (f: IssueFilters) => void;
  models: ModelQuality[];
  owners: OwnerQuality[];
  teams: { id: string; name: string }[] | undefined;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const permissions = usePermissions();
  const canVerify = allowed(C.CI_WRITE, permissions);
  const issues = useInfiniteQuery({
    queryKey: ['cmdb-quality-issues', filters],
    queryFn: ({ pageParam }) => qualityApi.issues(filters, pageParam, 50),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({
    mutationFn: qualityApi.verify,
    onSuccess: () => {
      void message.success(t('cmdb.quality.verified'));
      void client.invalidateQueries({ queryKey: ['cmdb-quality-issues'] });
      void client.invalidateQueries({ queryKey: ['cmdb-quality'] });
    },
  });
  const rows = issues.data?.pages.flatMap((p) => p.items) ?? [];
  const none = t('cmdb.quality.noOwner');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          style={{ width: 220 }}
          placeholder={t('cmdb.quality.model')}
          value={filters.model}
          onChange={(model?: string) => setFilters({ ...filters, model })}
          options={models.map((m) => ({ value: m.model, label: `${m.name} (${m.model})` }))}
          data-testid="quality-filter-model"
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('cmdb.quality.owner')}
          value={filters.owner}
          onChange={(owner?: string) => setFilters({ ...filters, owner })}
          options={owners.map((o) => ({
            value: o.ownerTeamId ?? 'none',
            label: ownerLabel(o.ownerTeamId, teams, none),
          }))}
          data-testid="quality-filter-owner"
        />
        <Segmented<string>
          value={filters.kind ?? 'all'}
          onChange={(kind) =>
            setFilters({ ...filters, kind: kind === 'all' ? undefined : (kind as IssueKind) })
          }
          options={[
            { value: 'all', label: t('cmdb.quality.kinds.all') },
            { value: 'incomplete', label: t('cmdb.quality.kinds.incomplete') },
            { value: 'stale', label: t('cmdb.quality.kinds.stale') },
          ]}
        />
      </Space>
      {issues.error && <ErrorAlert error={issues.error} style={{ marginBottom: 12 }} />}
      {verify.error && <ErrorAlert error={verify.error} style={{ marginBottom: 12 }} />}
      <Table<QualityIssue>
        size="small"
        rowKey="ciId"
        loading={issues.isPending}
        pagination={false}
        dataSource={rows}
        data-testid="quality-issues"
        columns={[
          {
            title: t('cmdb.quality.ci'),
            key: 'name',
            render: (_, r) => <Link to={`/cmdb/cis/${r.ciId}`}>{r.name}</Link>,
          },
          { title: t('cmdb.quality.model'), dataIndex: 'model', width: 160 },
          {
            title: t('cmdb.quality.owner'),
            key: 'owner',
            width: 140,
            render: (_, r) => ownerLabel(r.ownerTeamId, teams, none),
          },
          {
            title: t('cmdb.quality.missing'),
            key: 'missing',
            render: (_, r) =>
              r.missing.map((m) => (
                <Tag key={m.code} color={m.required ? 'red' : 'blue'}>
                  {m.name}
                </Tag>
              )),
          },
          {
            title: t('cmdb.quality.lastSeen'),
            key: 'seen',
            width: 190,
            render: (_, r) => (
              <Tooltip title={dayjs(r.lastSeenAt).format('YYYY-MM-DD HH:mm')}>
                {r.stale ? (
                  <Tag color="orange">{t('cmdb.quality.staleDays', { days: r.daysSinceSeen })}</Tag>
                ) : (
                  <Typography.Text type="secondary">
                    {t('cmdb.quality.daysAgo', { days: r.daysSinceSeen })}
                  </Typography.Text>
                )}
              </Tooltip>
            ),
          },
          ...(canVerify
            ? [
                {
                  title: '',
                  key: 'verify',
                  width: 90,
                  render: (_: unknown, r: QualityIssue) => (
                    <Tooltip title={t('cmdb.quality.verifyHint')}>
                      <Button
                        size="small"
                        icon={<CheckCircleOutlined />}
                        loading={verify.isPending && verify.variables === r.ciId}
                        onClick={() => verify.mutate(r.ciId)}
                        data-testid="quality-verify"
                      >
                        {t('cmdb.quality.verify')}
                      </Button>
                    </Tooltip>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {issues.hasNextPage ? (
          <Button onClick={() => void issues.fetchNextPage()} loading={issues.isFetchingNextPage}>
            {t('cmdb.quality.more')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('cmdb.quality.end')}</Typography.Text>
        )}
      </div>
    </>
  );
}

/** 数据质量: overall gauges, daily trend, scores per model and per owner, offending CIs. */
export default function QualityPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [days, setDays] = useState(30);
  const [tab, setTab] = useState('models');
  const [drawer, setDrawer] = useState<string | null>(null);
  const [filters, setFilters] = useState<IssueFilters>({});
  const report = useQuery({ queryKey: ['cmdb-quality'], queryFn: qualityApi.report });
  const trend = useQuery({ queryKey: ['cmdb-quality-trend', days], queryFn: () => qualityApi.trend(days) });
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: adminApi.teams,
    enabled: allowed(P.ORG_READ, permissions),
  });
  const r = report.data;
  const option = useMemo(
    () =>
      trendOption(trend.data ?? [], {
        overall: t('cmdb.quality.overall'),
        completeness: t('cmdb.quality.completeness'),
        freshness: t('cmdb.quality.freshness'),
      }),
    [trend.data, t],
  );
  const none = t('cmdb.quality.noOwner');
  const showIssues = (f: IssueFilters) => {
    setFilters(f);
    setDrawer(null);
    setTab('issues');
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('cmdb.quality.menu')}
        extra={
          <Space>
            {r && (
              <Typography.Text type="secondary">
                {t('cmdb.quality.computedAt', { at: dayjs(r.computedAt).format('YYYY-MM-DD HH:mm:ss') })}
              </Typography.Text>
            )}
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void report.refetch()}
              loading={report.isFetching}
              aria-label={t('cmdb.quality.refresh')}
            />
          </Space>
        }
      >
        {report.error && <ErrorAlert error={report.error} />}
        {r && (
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Gauge
                title={t('cmdb.quality.overall')}
                value={r.overall.overall}
                hint={t('cmdb.quality.weights', {
                  c: Math.round(r.completenessWeight * 100),
                  f: Math.round(r.freshnessWeight * 100),
                })}
              />
            </Col>
            <Col xs={24} md={8}>
              <Gauge
                title={t('cmdb.quality.completeness')}
                value={r.overall.completeness}
                hint={t('cmdb.quality.slotsHint', { filled: r.overall.filledSlots, slots: r.overall.slots })}
              />
            </Col>
            <Col xs={24} md={8}>
              <Gauge
                title={t('cmdb.quality.freshness')}
                value={r.overall.freshness}
                hint={t('cmdb.quality.freshHint', {
                  fresh: r.overall.freshCis,
                  cis: r.overall.cis,
                  days: r.defaultFreshnessDays,
                })}
              />
            </Col>
          </Row>
        )}
      </Card>
      <Card
        title={t('cmdb.quality.trend')}
        extra={
          <Segmented<number>
            value={days}
            onChange={setDays}
            options={[
              { value: 30, label: t('cmdb.quality.days', { days: 30 }) },
              { value: 90, label: t('cmdb.quality.days', { days: 90 }) },
              { value: 365, label: t('cmdb.quality.days', { days: 365 }) },
            ]}
          />
        }
      >
        {trend.error && <ErrorAlert error={trend.error} />}
        {trend.data && trend.data.length === 0 ? (
          <Empty description={t('cmdb.quality.noTrend')} />
        ) : (
          <Chart option={option} height={260} testId="quality-trend" />
        )}
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'models',
              label: t('cmdb.quality.byModel'),
              children: (
                <Table<ModelQuality>
                  size="small"
                  rowKey="model"
                  loading={report.isPending}
                  pagination={false}
                  dataSource={worstFirst(
                    r?.models ?? [],
                    (m) => m.score,
                    (m) => m.name,
                  )}
                  onRow={(m) => ({ onClick: () => setDrawer(m.model), style: { cursor: 'pointer' } })}
                  data-testid="quality-models"
                  columns={[
                    {
                      title: t('cmdb.quality.model'),
                      key: 'name',
                      render: (_, m) => (
                        <Space>
                          {m.name}
                          <Typography.Text type="secondary" className="ts-mono">
                            {m.model}
                          </Typography.Text>
                        </Space>
                      ),
                    },
                    ...scoreColumns<ModelQuality>(t, (m) => m.score),
                    {
                      title: t('cmdb.quality.windowTitle'),
                      key: 'window',
                      width: 110,
                      render: (_, m) => t('cmdb.quality.days', { days: m.freshnessDays }),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'owners',
              label: t('cmdb.quality.byOwner'),
              children: (
                <Table<OwnerQuality>
                  size="small"
                  rowKey={(o) => o.ownerTeamId ?? 'none'}
                  loading={report.isPending}
                  pagination={false}
                  dataSource={worstFirst(
                    r?.owners ?? [],
                    (o) => o.score,
                    (o) => ownerLabel(o.ownerTeamId, teams.data, none),
                  )}
                  onRow={(o) => ({
                    onClick: () => showIssues({ owner: o.ownerTeamId ?? 'none' }),
                    style: { cursor: 'pointer' },
                  })}
                  data-testid="quality-owners"
                  columns={[
                    {
                      title: t('cmdb.quality.owner'),
                      key: 'owner',
                      render: (_, o) => ownerLabel(o.ownerTeamId, teams.data, none),
                    },
                    ...scoreColumns<OwnerQuality>(t, (o) => o.score),
                  ]}
                />
              ),
            },
            {
              key: 'issues',
              label: t('cmdb.quality.issues'),
              children: (
                <IssueList
                  filters={filters}
                  setFilters={setFilters}
                  models={r?.models ?? []}
                  owners={r?.owners ?? []}
                  teams={teams.data}
                />
              ),
            },
          ]}
        />
      </Card>
      <ModelDrawer
        model={drawer}
        onClose={() => setDrawer(null)}
        onIssues={(model) => showIssues({ model })}
      />
    </Space>
  );
}
