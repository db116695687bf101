import { StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { adminApi } from '../../api/admin';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { P } from '../../platform/permissions';
import { alertsApi, type AlertView } from '../api';
import { formatMatcher, matchersFromLabels } from '../matchers';
import { groupingApi } from '../pendingApi';
import { E } from '../permissions';
import { CiLink, LabelTags, SeverityTag, SourceLabel, StateTag, Time } from '../shared';
import { timelineItems, titleParams } from '../timeline';

type Action = 'acknowledge' | 'resolve' | 'close' | 'assign' | 'comment';

/** Which manual actions the state allows (the server refuses the others with 409). */
function actionsFor(a: AlertView): Action[] {
  switch (a.state) {
    case 'OPEN':
    case 'SUPPRESSED':
      return ['acknowledge', 'resolve', 'close', 'assign', 'comment'];
    case 'ACKNOWLEDGED':
      return ['resolve', 'close', 'assign', 'comment'];
    case 'RESOLVED':
      return ['close', 'assign', 'comment'];
    default:
      return ['comment'];
  }
}

/** Labels whose value changes between occurrences of one problem: not part of "silence similar". */
const VOLATILE = ['value', 'instance_value', '__value__'];

/** The link to the silence editor, pre-filled with equality matchers on the alert's labels. */
export function silenceSimilarLink(labels: Record<string, string>) {
  const p = new URLSearchParams({ new: '1' });
  for (const m of matchersFromLabels(labels, VOLATILE)) p.append('matcher', formatMatcher(m));
  return `/events/silences?${p.toString()}`;
}

/** 告警详情: fields, labels, links, CI, timeline and the manual actions. */
export default function AlertDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const permissions = usePermissions();
  const canWrite = allowed(E.ALERT_WRITE, permissions);
  const [dialog, setDialog] = useState<Action | null>(null);
  const [form] = Form.useForm<{ comment?: string; user?: string; team?: string }>();
  const detail = useQuery({ queryKey: ['event-alert', id], queryFn: () => alertsApi.get(id) });
  // what convergence did to it (symptom of, held by, groups); absent on a server without convergence
  const convergence = useQuery({
    queryKey: ['event-alert-convergence', id],
    queryFn: () => groupingApi.convergence(id),
    retry: false,
  });
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: adminApi.teams,
    enabled: allowed(P.ORG_READ, permissions),
  });
  const act = useMutation({
    mutationFn: ({
      action,
      v,
    }: {
      action: Action;
      v: { comment?: string; user?: string; team?: string };
    }) => {
      const n = Number(id);
      switch (action) {
        case 'assign':
          return alertsApi.assign(n, v.user, v.team);
        case 'comment':
          return alertsApi.comment(n, v.comment ?? '');
        default:
          return alertsApi[action](n, v.comment || undefined);
      }
    },
    onSuccess: () => {
      void message.success(t('event.alert.done'));
      setDialog(null);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['event-alert', id] });
      void client.invalidateQueries({ queryKey: ['event-alerts'] });
    },
  });

  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Card loading />;
  const a = detail.data.alert;
  const conv = convergence.data;
  const items = timelineItems(detail.data.timeline);
  const teamName = (teamId?: string | null) =>
    teamId ? (teams.data?.find((x) => x.id === teamId)?.name ?? teamId.slice(0, 8)) : '—';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <SeverityTag severity={a.severity} />
            <span data-testid="alert-summary">{a.summary || a.fingerprint}</span>
            <StateTag state={a.state} />
            {a.flapping && <Tag color="orange">{t('event.alerts.flapping')}</Tag>}
            {conv?.symptomOf != null && (
              <Link to={`/events/alerts/${conv.symptomOf}`}>
                <Tag color="purple">{t('event.alerts.symptomOf', { id: conv.symptomOf })}</Tag>
              </Link>
            )}
            {conv?.heldBy.map((h) => (
              <Tag key={h}>{h}</Tag>
            ))}
            {conv?.groupIds.map((g, i) => (
              <Link key={g} to={`/events/groups/${g}`}>
                <Tag color="geekblue">{t('event.alerts.inGroup', { n: i + 1 })}</Tag>
              </Link>
            ))}
          </Space>
        }
        extra={
          canWrite && (
            <Space wrap>
              {actionsFor(a).map((action) => (
                <Button
                  key={action}
                  type={action === 'acknowledge' ? 'primary' : 'default'}
                  onClick={() => setDialog(action)}
                  data-testid={`alert-${action}`}
                >
                  {t(`event.actions.${action}`)}
                </Button>
              ))}
              <Button
                icon={<StopOutlined />}
                onClick={() => void navigate(silenceSimilarLink(a.labels))}
                data-testid="alert-silence"
              >
                {t('event.actions.silenceSimilar')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="alert-fields">
          <Descriptions.Item label="ID">#{a.id}</Descriptions.Item>
          <Descriptions.Item label={t('event.alerts.source')}>
            <SourceLabel source={a.source} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.status')}>{a.status}</Descriptions.Item>
          <Descriptions.Item label={t('event.alert.fingerprint')}>
            <Typography.Text className="ts-mono" copyable>
              {a.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
          {a.groupKey && (
            <Descriptions.Item label={t('event.alert.groupKey')}>
              <Typography.Text
                className="ts-mono"
                ellipsis={{ tooltip: a.groupKey }}
                style={{ maxWidth: 260 }}
              >
                {a.groupKey}
              </Typography.Text>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('event.alert.resource')}>{a.resource || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('event.alert.sourceSeverity')}>
            {a.sourceSeverity || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alerts.ci')}>
            <Space>
              <CiLink id={a.ciId} />
              {a.businessSystemId && <CiLink id={a.businessSystemId} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.ownerTeam')}>{teamName(a.ownerTeamId)}</Descriptions.Item>
          <Descriptions.Item label={t('event.alert.assignee')}>
            {[a.assigneeUser, a.assigneeTeam ? teamName(a.assigneeTeam) : null].filter(Boolean).join(' / ') ||
              '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alerts.occurrences')}>{a.occurrences}</Descriptions.Item>
          <Descriptions.Item label={t('event.alert.duplicates')}>{a.duplicates}</Descriptions.Item>
          <Descriptions.Item label={t('event.alerts.firstSeen')}>
            <Time at={a.firstSeen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alerts.lastSeen')}>
            <Time at={a.lastSeen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.startsAt')}>
            <Time at={a.startsAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.endsAt')}>
            <Time at={a.endsAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.acknowledged')}>
            {a.acknowledgedAt ? (
              <Space>
                <Time at={a.acknowledgedAt} />
                {a.acknowledgedBy}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.resolvedAt')}>
            <Time at={a.resolvedAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.alert.closedAt')}>
            <Time at={a.closedAt} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('event.alerts.labels')}>
              <LabelTags labels={a.labels} />
            </Card>
            <Card size="small" title={t('event.alert.annotations')}>
              {Object.keys(a.annotations ?? {}).length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Descriptions size="small" column={1} data-testid="alert-annotations">
                  {Object.entries(a.annotations).map(([k, v]) => (
                    <Descriptions.Item key={k} label={k}>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                        {v}
                      </Typography.Paragraph>
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              )}
            </Card>
            <Card size="small" title={t('event.alert.links')}>
              <Space orientation="vertical">
                {a.generatorUrl && (
                  <a href={a.generatorUrl} target="_blank" rel="noreferrer noopener">
                    {t('event.alert.generator')}
                  </a>
                )}
                {(a.links ?? [])
                  .filter((l) => l.href && /^https?:\/\//i.test(l.href))
                  .map((l) => (
                    <a key={l.href} href={l.href} target="_blank" rel="noreferrer noopener">
                      {l.image ? '🖼 ' : ''}
                      {l.text || l.href}
                    </a>
                  ))}
                {!a.generatorUrl && !(a.links ?? []).length && '—'}
              </Space>
            </Card>
            {a.details && Object.keys(a.details).length > 0 && (
              <Card size="small" title={t('event.alert.details')}>
                <pre className="ts-mono" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {JSON.stringify(a.details, null, 2)}
                </pre>
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('event.timeline.title')}>
            <Timeline
              data-testid="alert-timeline"
              items={items.map((i, n) => ({
                key: n,
                color: i.color,
                content: (
                  <div>
                    <div>
                      <Typography.Text strong>
                        {t(i.titleKey, { ...titleParams(i, t), interpolation: { escapeValue: false } })}
                      </Typography.Text>
                      {i.actor && <Typography.Text type="secondary"> · {i.actor}</Typography.Text>}
                    </div>
                    <Typography.Text type="secondary">
                      {dayjs(i.at).format('YYYY-MM-DD HH:mm:ss')}
                      {i.count > 1 &&
                        ` · ${t('event.timeline.times', { count: i.count, until: dayjs(i.until).format('HH:mm:ss') })}`}
                    </Typography.Text>
                    {i.ciId && (
                      <div>
                        <CiLink id={i.ciId} />
                      </div>
                    )}
                    {i.text && (
                      <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                        {i.text}
                      </Typography.Paragraph>
                    )}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={dialog && t(`event.actions.${dialog}`)}
        onCancel={() => {
          setDialog(null);
          act.reset();
        }}
        onOk={() => {
          void form.validateFields().then((v) => dialog && act.mutate({ action: dialog, v }));
        }}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        {act.error && <ErrorAlert error={act.error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ user: a.assigneeUser ?? undefined, team: a.assigneeTeam ?? undefined }}
        >
          {dialog === 'assign' ? (
            <>
              <Form.Item name="user" label={t('event.alert.user')}>
                <Input />
              </Form.Item>
              <Form.Item name="team" label={t('event.alert.team')}>
                <Select
                  allowClear
                  options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="comment"
              label={dialog === 'comment' ? t('event.alert.commentText') : t('event.alert.comment')}
              rules={dialog === 'comment' ? [{ required: true, message: t('app.form.required') }] : []}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
