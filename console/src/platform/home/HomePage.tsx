import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { platformApi } from '../../api/platform';
import { allowed } from '../../app/permissions';
import { usePermissions, useSession } from '../../app/session';
import { P } from '../permissions';
import { uptimeParts } from './uptime';

const Chart = lazy(() => import('../../app/Chart').then((m) => ({ default: m.Chart })));

function HealthCard() {
  const { t, i18n } = useTranslation();
  const info = useQuery({
    queryKey: ['system-info'],
    queryFn: platformApi.systemInfo,
    refetchInterval: 30_000,
  });
  return (
    <Card title={t('home.health.title')} data-testid="health-card">
      {info.isPending && <Skeleton active />}
      {info.isError && <Alert type="error" showIcon message={errorMessage(info.error, t, i18n)} />}
      {info.data && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('home.health.database')}>
            <Tag color={info.data.database.status === 'UP' ? 'green' : 'red'} data-testid="health-database">
              {info.data.database.status === 'UP' ? t('home.health.up') : t('home.health.down')}
            </Tag>
            {info.data.database.product} {info.data.database.version} (
            {info.data.database.embedded ? t('home.health.embedded') : t('home.health.external')})
          </Descriptions.Item>
          <Descriptions.Item label={t('home.health.version')}>
            <span data-testid="health-version">{info.data.version}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.health.uptime')}>
            {uptimeParts(info.data.uptimeSeconds)
              .map((p) => t(`home.uptime.${p.unit}`, { count: p.count }))
              .join(' ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.health.startedAt')}>
            {dayjs(info.data.startedAt).format('YYYY-MM-DD HH:mm:ss')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function PostureCard() {
  const { t, i18n } = useTranslation();
  const posture = useQuery({ queryKey: ['security-posture'], queryFn: platformApi.posture });
  const p = posture.data;
  return (
    <Card title={t('home.posture.title')} data-testid="posture-card">
      {posture.isPending && <Skeleton active />}
      {posture.isError && <Alert type="error" showIcon message={errorMessage(posture.error, t, i18n)} />}
      {p && (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('home.posture.usersWithoutTotp')} value={p.usersWithoutTotp.length} />
            </Col>
            <Col span={6}>
              <Statistic title={t('home.posture.tokensExpiringSoon')} value={p.tokensExpiringSoon.length} />
            </Col>
            <Col span={6}>
              <Statistic title={t('home.posture.lockedUsers')} value={p.lockedUsers} />
            </Col>
            <Col span={6}>
              <Typography.Text type="secondary">{t('home.posture.auditChain')}</Typography.Text>
              <div style={{ marginTop: 8 }} data-testid="posture-audit-chain">
                {p.auditChain.intact ? (
                  <Tag color="green">{t('home.posture.intact')}</Tag>
                ) : (
                  <Tag color="red">{t('home.posture.broken', { id: p.auditChain.firstBrokenId })}</Tag>
                )}
                <div>
                  <Typography.Text type="secondary">
                    {t('home.posture.checked', { count: p.auditChain.checkedRecords })}
                  </Typography.Text>
                </div>
              </div>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={12}>
              <Suspense fallback={<Skeleton active />}>
                <Chart
                  height={200}
                  testId="posture-chart"
                  option={{
                    tooltip: {},
                    grid: { left: 40, right: 16, top: 24, bottom: 48 },
                    xAxis: {
                      type: 'category',
                      data: [
                        t('home.posture.usersWithoutTotp'),
                        t('home.posture.tokensExpiringSoon'),
                        t('home.posture.lockedUsers'),
                      ],
                      axisLabel: { interval: 0, fontSize: 11, width: 90, overflow: 'break' },
                    },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      {
                        name: t('home.posture.chart'),
                        type: 'bar',
                        barWidth: 32,
                        data: [p.usersWithoutTotp.length, p.tokensExpiringSoon.length, p.lockedUsers],
                        itemStyle: { color: '#fa8c16' },
                      },
                    ],
                  }}
                />
              </Suspense>
            </Col>
            <Col span={6}>
              <List
                size="small"
                header={t('home.posture.usersWithoutTotp')}
                dataSource={p.usersWithoutTotp.slice(0, 8)}
                locale={{ emptyText: t('home.posture.none') }}
                renderItem={(u) => <List.Item>{u.username}</List.Item>}
              />
            </Col>
            <Col span={6}>
              <List
                size="small"
                header={t('home.posture.tokensExpiringSoon')}
                dataSource={p.tokensExpiringSoon.slice(0, 8)}
                locale={{ emptyText: t('home.posture.none') }}
                renderItem={(k) => (
                  <List.Item>
                    {k.name} ({k.owner}) {dayjs(k.expiresAt).format('MM-DD HH:mm')}
                  </List.Item>
                )}
              />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}

/** 首页: platform health for everyone; the security posture for who may read it. */
export default function HomePage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const permissions = usePermissions();
  return (
    <>
      <Typography.Title level={4} data-testid="home-title">
        {t('home.welcome', { name: session?.user?.displayName || session?.user?.username })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <HealthCard />
        </Col>
        {allowed(P.SECURITY_READ, permissions) && (
          <Col xs={24} xl={16}>
            <PostureCard />
          </Col>
        )}
      </Row>
    </>
  );
}
