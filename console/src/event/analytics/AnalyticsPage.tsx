import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Segmented, Space, Statistic, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { FunnelChart, LineChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../app/Chart';
import { SEVERITIES } from '../api';
import { analyticsApi, type AnalyticsRange, type TopEntry } from '../pendingApi';
import { QueryError, SEVERITY_COLORS } from '../shared';
import { formatDuration, funnelOption, percent, reduction, stackedOption, topOption } from './charts';

// the shared Chart registers bar and pie; the funnel (and lines, for later series) are registered here
echarts.use([FunnelChart, LineChart]);

const PRESET_COLORS: Record<string, string> = {
  red: '#f5222d',
  volcano: '#fa541c',
  orange: '#fa8c16',
  gold: '#faad14',
  blue: '#1677ff',
};
const SEVERITY_HEX = Object.fromEntries(SEVERITIES.map((s) => [s, PRESET_COLORS[SEVERITY_COLORS[s]]]));

const RANGES = {
  '24h': { hours: 24, bucket: 'hour', format: 'HH:mm' },
  '7d': { hours: 24 * 7, bucket: 'day', format: 'MM-DD' },
  '30d': { hours: 24 * 30, bucket: 'day', format: 'MM-DD' },
} as const;
type RangeKey = keyof typeof RANGES;

function rangeOf(key: RangeKey): AnalyticsRange {
  const to = dayjs()
    .startOf(key === '24h' ? 'hour' : 'day')
    .add(1, key === '24h' ? 'hour' : 'day');
  return {
    from: to.subtract(RANGES[key].hours, 'hour').toISOString(),
    to: to.toISOString(),
    bucket: RANGES[key].bucket,
  };
}

function IndicatorCard({
  name,
  rate,
  numerator,
  denominator,
  error,
}: {
  name: 'timelyReportRate' | 'missedReportRate';
  rate?: number | null;
  numerator?: number;
  denominator?: number;
  error?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={`indicator-${name}`}>
      <Statistic
        title={
          <Space>
            {t(`event.analytics.indicators.${name}`)}
            <Tooltip title={t(`event.analytics.definitions.${name}`)}>
              <QuestionCircleOutlined />
            </Tooltip>
          </Space>
        }
        value={error ? '—' : percent(rate)}
      />
      {denominator != null && (
        <Typography.Text type="secondary">
          {numerator ?? 0} / {denominator}
        </Typography.Text>
      )}
    </Card>
  );
}

/** 分析: alerts over time by severity and source, the noisiest sources and rules, MTTA/MTTR, noise reduction, indicators. */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const [key, setKey] = useState<RangeKey>('7d');
  const range = useMemo(() => rangeOf(key), [key]);
  const q = { retry: false } as const;
  const bySeverity = useQuery({
    queryKey: ['event-an-counts', 'severity', range],
    queryFn: () => analyticsApi.counts('severity', range),
    ...q,
  });
  const bySource = useQuery({
    queryKey: ['event-an-counts', 'source', range],
    queryFn: () => analyticsApi.counts('source', range),
    ...q,
  });
  const times = useQuery({
    queryKey: ['event-an-times', range],
    queryFn: () => analyticsApi.responseTimes(range),
    ...q,
  });
  const noise = useQuery({
    queryKey: ['event-an-noise', range],
    queryFn: () => analyticsApi.noise(range),
    ...q,
  });
  const top = useQuery({
    queryKey: ['event-an-top', range],
    queryFn: () => analyticsApi.top(range),
    ...q,
  });
  const topSources = top.data?.sourcesByRawEvents ?? [];
  const topRules = top.data?.alertRulesByRawEvents ?? [];
  const indicators = useQuery({
    queryKey: ['event-an-indicators', range],
    queryFn: () => analyticsApi.indicators(range),
    ...q,
  });

  const timeLabel = (at: string) => dayjs(at).format(RANGES[key].format);
  const severityOption = useMemo(
    () =>
      bySeverity.data &&
      stackedOption(bySeverity.data, (k) => t(`event.severity.${k}`, { defaultValue: k }), {
        order: SEVERITIES,
        colors: SEVERITY_HEX,
        timeLabel,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- timeLabel follows key
    [bySeverity.data, t, key],
  );
  const sourceOption = useMemo(
    () =>
      bySource.data &&
      stackedOption(bySource.data, (k, name) => name || t(`event.source.${k}`, { defaultValue: k }), {
        timeLabel,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- timeLabel follows key
    [bySource.data, t, key],
  );
  const topLabel = (e: TopEntry) => e.name || t(`event.source.${e.key}`, { defaultValue: e.key });
  const n = noise.data;
  const r = n && reduction(n);

  const chart = (data: unknown, option: unknown, error: unknown, testId: string, height = 280) =>
    error ? (
      <QueryError error={error} />
    ) : data && option ? (
      <Chart option={option as ChartOption} height={height} testId={testId} />
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('event.analytics.menu')}
        extra={
          <Segmented<RangeKey>
            value={key}
            onChange={setKey}
            options={(Object.keys(RANGES) as RangeKey[]).map((k) => ({
              value: k,
              label: t(`event.analytics.ranges.${k}`),
            }))}
          />
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title={
                  <Space>
                    MTTA
                    <Tooltip title={t('event.analytics.mttaHint')}>
                      <QuestionCircleOutlined />
                    </Tooltip>
                  </Space>
                }
                value={times.error ? '—' : formatDuration(times.data?.mtta.mean)}
                loading={times.isPending}
              />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title={
                  <Space>
                    MTTR
                    <Tooltip title={t('event.analytics.mttrHint')}>
                      <QuestionCircleOutlined />
                    </Tooltip>
                  </Space>
                }
                value={times.error ? '—' : formatDuration(times.data?.mttr.mean)}
                loading={times.isPending}
              />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <IndicatorCard
              name="timelyReportRate"
              rate={indicators.data?.timelyReporting.rate}
              numerator={indicators.data?.timelyReporting.timely}
              denominator={indicators.data?.timelyReporting.total}
              error={indicators.error}
            />
          </Col>
          <Col xs={24} md={6}>
            <IndicatorCard
              name="missedReportRate"
              rate={indicators.data?.missedReporting.rate}
              numerator={indicators.data?.missedReporting.missed}
              denominator={indicators.data?.missedReporting.anomalies}
              error={indicators.error}
            />
          </Col>
        </Row>
        {(times.error || indicators.error) && (
          <div style={{ marginTop: 12 }}>
            <QueryError error={times.error ?? indicators.error} />
          </div>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('event.analytics.bySeverity')}>
            {chart(bySeverity.data, severityOption, bySeverity.error, 'analytics-severity')}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('event.analytics.bySource')}>
            {chart(bySource.data, sourceOption, bySource.error, 'analytics-source')}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('event.analytics.noise')}>
            {chart(
              n,
              n &&
                funnelOption(n, {
                  raw: t('event.analytics.raw'),
                  alerts: t('event.analytics.alerts'),
                  groups: t('event.analytics.groups'),
                }),
              noise.error,
              'analytics-noise',
              240,
            )}
            {r && (
              <Typography.Paragraph
                type="secondary"
                style={{ marginBottom: 0 }}
                data-testid="analytics-reduction"
              >
                {t('event.analytics.reduction', {
                  perAlert: r.perAlert?.toFixed(1) ?? '—',
                  perGroup: r.perGroup?.toFixed(1) ?? '—',
                  overall: percent(r.overall),
                })}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('event.analytics.topSources')}>
            {chart(
              topSources.length ? topSources : null,
              topOption(topSources, topLabel),
              top.error,
              'analytics-top-sources',
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('event.analytics.topRules')}>
            {chart(
              topRules.length ? topRules : null,
              topOption(topRules, topLabel),
              top.error,
              'analytics-top-rules',
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
