import { AimOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { groupingApi, type GroupMember, type LiveAlert } from '../pendingApi';
import { CiLink, LabelTags, QueryError, SeverityTag, SourceLabel, StateTag, Time } from '../shared';

/** The root cause first, then its symptoms, then the rest by severity and time. */
export function orderGroupAlerts(alerts: LiveAlert[], rootId?: number): LiveAlert[] {
  const sev = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INFO'];
  const rank = (a: LiveAlert) => (a.id === rootId ? 0 : a.symptomOf === rootId && rootId != null ? 1 : 2);
  return alerts
    .slice()
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        sev.indexOf(a.severity) - sev.indexOf(b.severity) ||
        Date.parse(a.firstSeen) - Date.parse(b.firstSeen),
    );
}

/** A member as a row: the alert with its symptom mark and what holds it. */
export function memberAlert(m: GroupMember): LiveAlert {
  return { ...m.alert, symptomOf: m.symptomOf, heldBy: m.heldBy };
}

/** 告警组详情: the group's labels, probable root cause with reasoning and path, its alerts. */
export default function GroupDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const group = useQuery({
    queryKey: ['event-group', id],
    queryFn: () => groupingApi.group(id),
    retry: false,
  });
  if (group.error) return <QueryError error={group.error} />;
  if (!group.data) return <Card loading />;
  const { group: g, rootCause: root, alertTotal } = group.data;
  const members = group.data.alerts.map(memberAlert);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <SeverityTag severity={g.severity} />
            {t('event.groups.detail')}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('event.groups.labels')} span={3}>
            <LabelTags labels={g.groupLabels} />
          </Descriptions.Item>
          {g.ruleName && <Descriptions.Item label={t('event.groups.rule')}>{g.ruleName}</Descriptions.Item>}
          <Descriptions.Item label={t('event.groups.state')}>
            {t(`event.groups.states.${g.state}`, { defaultValue: g.state })}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.groups.alerts')}>
            {g.activeCount} / {g.alertCount}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.groups.createdAt')}>
            <Time at={g.createdAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.groups.lastNotifiedAt')}>
            <Time at={g.lastNotifiedAt ?? g.notifiedAt} />
          </Descriptions.Item>
          {g.resolvedAt && (
            <Descriptions.Item label={t('event.groups.resolvedAt')}>
              <Time at={g.resolvedAt} />
            </Descriptions.Item>
          )}
          {g.businessSystemId && (
            <Descriptions.Item label={t('event.alerts.businessSystem')}>
              <CiLink id={g.businessSystemId} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {root ? (
        <Alert
          type="warning"
          showIcon
          icon={<AimOutlined />}
          data-testid="group-root-cause"
          title={
            <Space wrap>
              {t('event.groups.probableRootCause')}
              <Link to={`/events/alerts/${root.alertId}`}>{root.summary ?? `#${root.alertId}`}</Link>
              {root.ciId && <CiLink id={root.ciId} />}
              <Tag>{t(`event.groups.basis.${root.basis}`, { defaultValue: root.basis })}</Tag>
              <Tag>{t('event.groups.explains', { count: root.explains })}</Tag>
            </Space>
          }
          description={
            <Space orientation="vertical">
              {root.explanation && <Typography.Text>{root.explanation}</Typography.Text>}
              {root.path && root.path.length > 0 && (
                <Space wrap size={4} data-testid="group-root-path">
                  <Typography.Text type="secondary">{t('event.groups.path')}</Typography.Text>
                  {root.path.map((p, i) => (
                    <Space key={`${p.ciId ?? p.name}-${i}`} size={4}>
                      {i > 0 && <ArrowRightOutlined />}
                      {p.relation && <Typography.Text type="secondary">{p.relation}</Typography.Text>}
                      <Tag color={i === root.path.length - 1 ? 'magenta' : undefined}>
                        {p.name ?? p.ciId}
                        {p.model ? ` (${p.model})` : ''}
                      </Tag>
                    </Space>
                  ))}
                </Space>
              )}
            </Space>
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('event.groups.noRootCause')} />
      )}
      <Card
        size="small"
        title={t('event.groups.alerts')}
        extra={
          alertTotal > members.length && t('event.groups.shown', { shown: members.length, total: alertTotal })
        }
      >
        <Table<LiveAlert>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={orderGroupAlerts(members, root?.alertId)}
          data-testid="group-alerts"
          columns={[
            { key: 'sev', width: 90, render: (_, a) => <SeverityTag severity={a.severity} /> },
            {
              title: t('event.alerts.summary'),
              key: 's',
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.id === root?.alertId && (
                    <Tag color="magenta" icon={<AimOutlined />}>
                      {t('event.groups.rootCauseTag')}
                    </Tag>
                  )}
                  <Link to={`/events/alerts/${a.id}`}>{a.summary || a.fingerprint}</Link>
                  {a.symptomOf != null && (
                    <Tag color="purple">{t('event.alerts.symptomOf', { id: a.symptomOf })}</Tag>
                  )}
                  {a.flapping && <Tag color="orange">{t('event.alerts.flapping')}</Tag>}
                  {(a.heldBy ?? []).map((h) => (
                    <Tag key={h}>{h}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('event.alerts.ci'), key: 'ci', width: 180, render: (_, a) => <CiLink id={a.ciId} /> },
            {
              title: t('event.alerts.source'),
              key: 'src',
              width: 120,
              render: (_, a) => <SourceLabel source={a.source} />,
            },
            {
              title: t('event.alerts.state'),
              key: 'st',
              width: 90,
              render: (_, a) => <StateTag state={a.state} />,
            },
            {
              title: t('event.alerts.firstSeen'),
              key: 'f',
              width: 170,
              render: (_, a) => <Time at={a.firstSeen} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
