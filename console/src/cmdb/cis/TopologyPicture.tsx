import { useQuery } from '@tanstack/react-query';
import { Empty, Segmented, Select, Space, Spin } from 'antd';
import { GraphChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../app/Chart';
import { ErrorAlert } from '../../app/feedback';
import { type CiModel, type Direction, cisApi } from './api';
import { businessViewLayout, graphOption, impactLayout } from './graph';
import { modelLabel } from './labels';

// the app's Chart registers bar and pie; the topology needs the graph series too
echarts.use([GraphChart]);

/** 影响分析: what the CI relies on (downstream) or what relies on it (upstream), to a depth. */
export function ImpactPicture({ id, models }: { id: string; models: CiModel[] | undefined }) {
  const { t, i18n } = useTranslation();
  const [direction, setDirection] = useState<Direction>('UPSTREAM');
  const [depth, setDepth] = useState(2);
  const impact = useQuery({
    queryKey: ['cmdb', 'impact', id, direction, depth],
    queryFn: () => cisApi.impact(id, direction, depth),
  });
  const language = i18n.language;
  const option = useMemo(
    () =>
      impact.data
        ? graphOption(
            impactLayout(impact.data, direction === 'UPSTREAM'),
            (code) => modelLabel(models, code, language),
            id,
          )
        : undefined,
    [impact.data, direction, id, models, language],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Segmented<Direction>
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'UPSTREAM', label: t('cmdb.cis.topology.upstream') },
            { value: 'DOWNSTREAM', label: t('cmdb.cis.topology.downstream') },
          ]}
        />
        <Select
          value={depth}
          onChange={setDepth}
          style={{ width: 120 }}
          options={[1, 2, 3, 4, 5, 6].map((d) => ({
            value: d,
            label: t('cmdb.cis.topology.depth', { depth: d }),
          }))}
          data-testid="cmdb-impact-depth"
        />
      </Space>
      {impact.error ? <ErrorAlert error={impact.error} /> : null}
      {impact.isLoading ? <Spin /> : null}
      {option && impact.data && impact.data.nodes.length > 1 ? (
        <Chart option={option} height={480} testId="cmdb-impact-chart" />
      ) : impact.data ? (
        <Empty description={t('cmdb.cis.topology.none')} />
      ) : null}
    </Space>
  );
}

/** 业务视图: business system → applications → services → instances → hosts → racks and network. */
export function BusinessViewPicture({ id, models }: { id: string; models: CiModel[] | undefined }) {
  const { t, i18n } = useTranslation();
  const view = useQuery({ queryKey: ['cmdb', 'business-view', id], queryFn: () => cisApi.businessView(id) });
  const language = i18n.language;
  const option = useMemo(
    () =>
      view.data
        ? graphOption(businessViewLayout(view.data), (code) => modelLabel(models, code, language), id)
        : undefined,
    [view.data, id, models, language],
  );
  if (view.error) return <ErrorAlert error={view.error} />;
  if (!option) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {['BUSINESS_SYSTEM', 'APPLICATION', 'SERVICE', 'INSTANCE', 'HOST', 'INFRASTRUCTURE'].map((layer) => (
          <span key={layer}>
            {t(`cmdb.cis.layers.${layer}`)}: {view.data?.nodes.filter((n) => n.layer === layer).length ?? 0}
          </span>
        ))}
      </Space>
      <Chart option={option} height={560} testId="cmdb-business-view-chart" />
    </Space>
  );
}
