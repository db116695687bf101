import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Chart } from '../../app/Chart';
import { ErrorAlert } from '../../app/feedback';
import { maturityApi, type GapCriterion, type NodeResult } from '../api';
import { radarOption, reportLang } from '../logic';

echarts.use([RadarChart, RadarComponent]);

function Criteria({ list }: { list: GapCriterion[] }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2}>
      {list.map((c) => (
        <span key={c.id}>
          {c.summary}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.clause} · {c.answer ? t(`maturity.answers.${c.answer}`) : t('maturity.report.unanswered')}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}

/** 评估报告: radar charts, levels, gap list, roadmap, comparison, overrides, PDF download. */
export default function ReportPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = reportLang(i18n.language);
  const report = useQuery({
    queryKey: ['maturity-report', id, lang],
    queryFn: () => maturityApi.report(id, lang),
  });
  if (report.error) return <ErrorAlert error={report.error} />;
  const r = report.data;
  if (!r) return null;
  const top = r.nodes.filter((n) => n.depth === 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              <Link to={`/maturity/assessments/${id}`}>{r.assessment.title}</Link>
            </Typography.Title>
            <Typography.Text type="secondary">
              {r.frameworkTitle} · {t(`maturity.status.${r.assessment.status}`)} ·{' '}
              {t('maturity.report.answered', { answered: r.answered, total: r.total })}
            </Typography.Text>
          </Space>
          <a href={maturityApi.pdfUrl(id, lang)} download>
            <Space>
              <DownloadOutlined />
              {t('maturity.report.pdf')}
            </Space>
          </a>
        </Space>
        <Row gutter={16} style={{ marginTop: 12 }}>
          {top.map((n) => (
            <Col key={n.id} xs={12} md={6}>
              <Statistic
                title={n.name}
                value={n.applicable ? n.score : '—'}
                suffix={n.applicable ? `/ ${n.maxLevel} · L${n.level}` : ''}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Tabs
        items={[
          {
            key: 'radar',
            label: t('maturity.report.radar'),
            children: (
              <Row gutter={16}>
                {r.radars
                  .filter((radar) => radar.indicators.length >= 3)
                  .map((radar) => (
                    <Col key={radar.id} xs={24} lg={12}>
                      <Card size="small" title={radar.title}>
                        <Chart
                          height={360}
                          option={radarOption(radar.indicators, {
                            now: t('maturity.report.now'),
                            previous: t('maturity.report.before'),
                          })}
                        />
                      </Card>
                    </Col>
                  ))}
              </Row>
            ),
          },
          {
            key: 'levels',
            label: t('maturity.report.levels'),
            children: (
              <Table<NodeResult>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={r.nodes}
                columns={[
                  {
                    title: t('maturity.report.node'),
                    render: (_, n) => (
                      <span
                        style={{ paddingLeft: n.depth * 16, fontWeight: n.depth === 0 ? 600 : undefined }}
                      >
                        {n.name}{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {n.clause}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  {
                    title: t('maturity.report.level'),
                    width: 110,
                    render: (_, n) =>
                      n.applicable ? `${n.level} / ${n.maxLevel}` : t('maturity.answers.NOT_APPLICABLE'),
                  },
                  {
                    title: t('maturity.report.score'),
                    width: 90,
                    render: (_, n) => (n.applicable ? n.score : '—'),
                  },
                  {
                    title: t('maturity.report.progress'),
                    width: 90,
                    render: (_, n) => `${n.answered}/${n.total}`,
                  },
                ]}
              />
            ),
          },
          {
            key: 'gaps',
            label: t('maturity.report.gaps'),
            children: r.gaps.length ? (
              r.gaps.map((g) => (
                <Card key={g.groupId} size="small" title={g.groupName} style={{ marginBottom: 8 }}>
                  <List
                    dataSource={g.items}
                    renderItem={(item) => (
                      <List.Item>
                        <List.Item.Meta
                          title={`${item.nodeName} · L${item.currentLevel} → L${item.targetLevel}`}
                          description={<Criteria list={item.criteria} />}
                        />
                      </List.Item>
                    )}
                  />
                </Card>
              ))
            ) : (
              <Empty description={t('maturity.report.noGaps')} />
            ),
          },
          {
            key: 'roadmap',
            label: t('maturity.report.roadmap'),
            children: r.roadmap.map((phase) => (
              <Card
                key={phase.targetLevel}
                size="small"
                title={t('maturity.report.phase', { level: phase.targetLevel })}
                style={{ marginBottom: 8 }}
              >
                <Table
                  rowKey="nodeId"
                  size="small"
                  pagination={false}
                  dataSource={phase.steps}
                  columns={[
                    { title: t('maturity.report.group'), dataIndex: 'groupName', width: 160 },
                    { title: t('maturity.report.node'), dataIndex: 'nodeName', width: 200 },
                    {
                      title: t('maturity.report.criteria'),
                      render: (_, s) => <Criteria list={s.criteria} />,
                    },
                  ]}
                />
              </Card>
            )),
          },
          {
            key: 'comparison',
            label: t('maturity.report.comparison'),
            children: r.comparison ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {t('maturity.report.previous')}:{' '}
                  <Link to={`/maturity/assessments/${r.comparison.previousId}/report`}>
                    {r.comparison.previousTitle}
                  </Link>
                </Typography.Text>
                <Table
                  rowKey="nodeId"
                  size="small"
                  pagination={false}
                  dataSource={r.comparison.deltas.filter((d) => d.depth <= 2 || d.delta !== 0)}
                  columns={[
                    {
                      title: t('maturity.report.node'),
                      render: (_, d) => <span style={{ paddingLeft: d.depth * 16 }}>{d.name}</span>,
                    },
                    { title: t('maturity.report.before'), dataIndex: 'before', width: 90 },
                    { title: t('maturity.report.now'), dataIndex: 'now', width: 90 },
                    {
                      title: 'Δ',
                      width: 80,
                      render: (_, d) => (
                        <Tag color={d.delta > 0 ? 'green' : d.delta < 0 ? 'red' : undefined}>
                          {d.delta > 0 ? `+${d.delta}` : d.delta}
                        </Tag>
                      ),
                    },
                  ]}
                />
              </Space>
            ) : (
              <Empty description={t('maturity.report.noPrevious')} />
            ),
          },
          {
            key: 'overrides',
            label: t('maturity.report.overrides'),
            children: (
              <Table
                rowKey="criterionId"
                size="small"
                pagination={false}
                dataSource={r.overrides}
                locale={{ emptyText: t('maturity.report.noOverrides') }}
                columns={[
                  { title: t('maturity.report.criterion'), dataIndex: 'clause' },
                  {
                    title: t('maturity.report.probe'),
                    render: (_, o) => `${o.probeId} (${t(`maturity.verdicts.${o.probeVerdict}`)})`,
                  },
                  { title: t('maturity.report.answer'), render: (_, o) => t(`maturity.answers.${o.answer}`) },
                  { title: t('maturity.report.reason'), render: (_, o) => `${o.reason} — ${o.by}` },
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
