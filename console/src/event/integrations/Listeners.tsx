import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listenersApi, type ListenerEndpoint, type ListenerRejection, type ListenerStatus } from '../api';
import { QueryError, SourceLabel, Time } from '../shared';
import { endpointState, listenerState, rejectionsByReason } from './listeners';

const STATE_BADGE = {
  listening: 'success',
  partial: 'warning',
  failed: 'error',
  disabled: 'default',
} as const;

/** How often the counts are refreshed while the page is open. */
const REFRESH_MS = 5_000;

/** The last rejected messages shown; the server keeps a few more. */
const RECENT_SHOWN = 5;

function Endpoint({ endpoint }: { endpoint: ListenerEndpoint }) {
  const { t } = useTranslation();
  const state = endpointState(endpoint);
  return (
    <Space size={4} wrap data-testid={`listener-endpoint-${endpoint.transport}`}>
      <Tag>{(endpoint.transport ?? '').toUpperCase()}</Tag>
      <Typography.Text className="ts-mono">{endpoint.address}</Typography.Text>
      <Tag color={state === 'listening' ? 'green' : 'red'}>
        {t(`event.integrations.listeners.endpoint.${state}`)}
      </Tag>
      {endpoint.error && (
        <Typography.Text type="danger" className="ts-mono" data-testid="listener-bind-error">
          {endpoint.error}
        </Typography.Text>
      )}
    </Space>
  );
}

function Listener({ status }: { status: ListenerStatus }) {
  const { t } = useTranslation();
  const protocol = status.protocol ?? '';
  const state = listenerState(status);
  const reasons = rejectionsByReason(status.rejectedByReason);
  const recent = (status.recentRejections ?? []).slice(0, RECENT_SHOWN);
  return (
    <Card
      size="small"
      data-testid={`listener-${protocol}`}
      title={<SourceLabel source={protocol} />}
      extra={
        <span data-testid={`listener-${protocol}-state`}>
          <Badge status={STATE_BADGE[state]} text={t(`event.integrations.listeners.state.${state}`)} />
        </span>
      }
    >
      {state === 'disabled' ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t(`event.integrations.listeners.disabledHint.${protocol}`)}
        </Typography.Paragraph>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('event.integrations.listeners.endpoints')}>
              <Space orientation="vertical" size={2}>
                {(status.endpoints ?? []).map((e) => (
                  <Endpoint key={`${e.transport}-${e.address}`} endpoint={e} />
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('event.integrations.listeners.startedAt')}>
              <span data-testid={`listener-${protocol}-started`}>
                <Time at={status.startedAt} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('event.integrations.listeners.lastMessageAt')}>
              <span data-testid={`listener-${protocol}-last`}>
                {status.lastMessageAt ? (
                  <Time at={status.lastMessageAt} />
                ) : (
                  t('event.integrations.listeners.noMessages')
                )}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={16}>
            {(['received', 'stored', 'dropped', 'rejected'] as const).map((k) => (
              <Col span={6} key={k}>
                <div data-testid={`listener-${protocol}-${k}`}>
                  <Statistic title={t(`event.integrations.listeners.counts.${k}`)} value={status[k] ?? 0} />
                </div>
              </Col>
            ))}
          </Row>
          <Table<{ reason: string; count: number }>
            size="small"
            rowKey="reason"
            pagination={false}
            dataSource={reasons}
            data-testid={`listener-${protocol}-reasons`}
            locale={{ emptyText: t('event.integrations.listeners.noRejections') }}
            columns={[
              {
                title: t('event.integrations.listeners.reason'),
                dataIndex: 'reason',
                render: (r: string) => <code>{r}</code>,
              },
              {
                title: t('event.integrations.listeners.count'),
                dataIndex: 'count',
                width: 100,
                align: 'right',
              },
            ]}
          />
          {recent.length > 0 && (
            <Table<ListenerRejection>
              size="small"
              tableLayout="fixed"
              rowKey={(r) => `${r.at}-${r.sourceAddress}-${r.reason}-${r.sample}`}
              pagination={false}
              dataSource={recent}
              title={() => t('event.integrations.listeners.recent')}
              columns={[
                {
                  title: t('event.integrations.listeners.at'),
                  key: 'at',
                  width: 150,
                  render: (_, r) => (
                    <Space orientation="vertical" size={0}>
                      <Time at={r.at} />
                      <Typography.Text type="secondary">{r.sourceAddress}</Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('event.integrations.listeners.reason'),
                  key: 'reason',
                  render: (_, r) => (
                    <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
                      <code>{r.reason}</code>
                      <Typography.Text className="ts-mono" ellipsis={{ tooltip: r.sample }}>
                        {r.sample}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

/** 监听状态: the syslog and SNMP trap listeners of this server, refreshed every few seconds. */
export function Listeners() {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['event-listeners'],
    queryFn: listenersApi.list,
    refetchInterval: REFRESH_MS,
  });
  return (
    <Card
      title={t('event.integrations.listeners.title')}
      size="small"
      style={{ marginTop: 16 }}
      loading={status.isPending}
      data-testid="listener-status"
    >
      <Typography.Paragraph type="secondary">{t('event.integrations.listeners.intro')}</Typography.Paragraph>
      {status.error ? (
        <QueryError error={status.error} />
      ) : (
        <Row gutter={[16, 16]}>
          {(status.data ?? []).map((s) => (
            <Col xs={24} xl={12} key={s.protocol}>
              <Listener status={s} />
            </Col>
          ))}
          {status.data?.length === 0 && (
            <Col span={24}>
              <Alert type="info" showIcon title={t('event.integrations.listeners.none')} />
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}
