import {
  ApiOutlined,
  EditOutlined,
  HistoryOutlined,
  KeyOutlined,
  PlusOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorMessage, formFieldErrors } from '../../api/errors';
import { allowed } from '../../app/permissions';
import { DeleteButton, ErrorAlert } from '../../app/feedback';
import { usePermissions } from '../../app/session';
import { C } from '../permissions';
import {
  scopeText,
  webhooksApi,
  type DeliveryStatus,
  type Webhook,
  type WebhookDelivery,
  type WebhookWithSecret,
} from './api';
import {
  attributeOptions,
  EVENTS,
  fromWebhook,
  prettyJson,
  STATUS_COLORS,
  toBody,
  type WebhookForm,
} from './form';

const FIELDS = ['name', 'url', 'models', 'attributes', 'events', 'enabled'];
const time = (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');

/** Shows a new signing secret once, with a copy button. */
function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={t('cmdb.webhooks.secretTitle')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('cmdb.webhooks.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('cmdb.webhooks.secretOnce')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="webhook-secret">
        {secret}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('cmdb.webhooks.secretHowTo')}</Typography.Text>
    </Modal>
  );
}

function WebhookModal({
  editing,
  onClose,
  onCreated,
}: {
  /** undefined = closed, null = new */
  editing: Webhook | null | undefined;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<WebhookForm>();
  const client = useQueryClient();
  const permissions = usePermissions();
  const models = useQuery({
    queryKey: ['cmdb-webhook-models'],
    queryFn: webhooksApi.models,
    enabled: editing !== undefined && allowed(C.MODEL_READ, permissions),
  });
  const chosen = Form.useWatch('models', form);
  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    form.setFieldsValue(editing ? fromWebhook(editing) : { enabled: true, events: [...EVENTS] });
  }, [editing, form]);
  const save = useMutation({
    mutationFn: (values: WebhookForm): Promise<Webhook | WebhookWithSecret> =>
      editing ? webhooksApi.update(editing.id, toBody(values)) : webhooksApi.create(toBody(values)),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: ['cmdb-webhooks'] });
      onClose();
      if ('secret' in answer) onCreated(answer.secret);
    },
    onError: (error) => form.setFields(formFieldErrors(error, t, i18n, FIELDS)),
  });
  return (
    <Modal
      open={editing !== undefined}
      title={editing ? t('cmdb.webhooks.edit') : t('cmdb.webhooks.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.actions.save')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={formErrorMessage(save.error, t, i18n, FIELDS)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        data-testid="webhook-form"
      >
        <Form.Item name="name" label={t('cmdb.webhooks.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('cmdb.webhooks.url')}
          extra={t('cmdb.webhooks.urlHint')}
          rules={[{ required: true }]}
        >
          <Input placeholder="https://itsm.example.com/hooks/tianshu" />
        </Form.Item>
        <Form.Item name="models" label={t('cmdb.webhooks.models')} extra={t('cmdb.webhooks.modelsHint')}>
          <Select
            mode="tags"
            allowClear
            loading={models.isPending && models.fetchStatus !== 'idle'}
            options={(models.data ?? []).map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
          />
        </Form.Item>
        <Form.Item
          name="attributes"
          label={t('cmdb.webhooks.attributes')}
          extra={t('cmdb.webhooks.attributesHint')}
        >
          <Select mode="tags" allowClear options={attributeOptions(models.data ?? [], chosen)} />
        </Form.Item>
        <Form.Item name="events" label={t('cmdb.webhooks.events')}>
          <Checkbox.Group
            options={EVENTS.map((e) => ({ value: e, label: t(`cmdb.webhooks.eventNames.${e}`) }))}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('cmdb.webhooks.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Deliveries({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const deliveries = useInfiniteQuery({
    queryKey: ['cmdb-webhook-deliveries', webhook?.id, status],
    queryFn: ({ pageParam }) => webhooksApi.deliveries(webhook!.id, status, pageParam, 50),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: webhook !== null,
    // pending deliveries move on their own; follow them while the drawer is open
    refetchInterval: 5000,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['cmdb-webhook-deliveries'] });
  const redeliver = useMutation({
    mutationFn: (delivery: WebhookDelivery) => webhooksApi.redeliver(delivery.webhookId, delivery.id),
    onSuccess: () => {
      void message.success(t('cmdb.webhooks.redelivered'));
      refresh();
    },
  });
  const ping = useMutation({
    mutationFn: () => webhooksApi.ping(webhook!.id),
    onSuccess: (d) => {
      if (d.status === 'DELIVERED')
        void message.success(t('cmdb.webhooks.pingOk', { code: d.lastStatusCode }));
      else void message.error(t('cmdb.webhooks.pingFailed', { error: d.lastError ?? '' }));
      refresh();
    },
  });
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Drawer
      open={webhook !== null}
      onClose={onClose}
      size="large"
      title={t('cmdb.webhooks.deliveriesOf', { name: webhook?.name ?? '' })}
      extra={
        <Space>
          <Select<DeliveryStatus>
            allowClear
            style={{ width: 130 }}
            placeholder={t('cmdb.webhooks.status')}
            value={status}
            onChange={setStatus}
            options={(['PENDING', 'DELIVERED', 'FAILED'] as const).map((s) => ({
              value: s,
              label: t(`cmdb.webhooks.statuses.${s}`),
            }))}
          />
          <Button
            icon={<ApiOutlined />}
            loading={ping.isPending}
            onClick={() => ping.mutate()}
            data-testid="webhook-ping"
          >
            {t('cmdb.webhooks.ping')}
          </Button>
        </Space>
      }
    >
      {deliveries.error && <ErrorAlert error={deliveries.error} style={{ marginBottom: 12 }} />}
      {(redeliver.error || ping.error) && (
        <ErrorAlert error={redeliver.error ?? ping.error} style={{ marginBottom: 12 }} />
      )}
      <Table<WebhookDelivery>
        size="small"
        rowKey="id"
        loading={deliveries.isPending && webhook !== null}
        pagination={false}
        dataSource={rows}
        data-testid="webhook-deliveries"
        expandable={{
          expandedRowRender: (d) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary" className="ts-mono">
                {t('cmdb.webhooks.deliveryId')}: {d.id}
                {d.redeliveryOf ? ` · ${t('cmdb.webhooks.redeliveryOf')}: ${d.redeliveryOf}` : ''}
              </Typography.Text>
              {d.lastError && <Alert type="error" title={d.lastError} />}
              <Typography.Text strong>{t('cmdb.webhooks.payload')}</Typography.Text>
              <pre className="ts-mono" style={{ maxHeight: 240, overflow: 'auto', margin: 0 }}>
                {prettyJson(d.payload)}
              </pre>
              {d.responseSnippet && (
                <>
                  <Typography.Text strong>{t('cmdb.webhooks.response')}</Typography.Text>
                  <pre className="ts-mono" style={{ maxHeight: 160, overflow: 'auto', margin: 0 }}>
                    {prettyJson(d.responseSnippet)}
                  </pre>
                </>
              )}
            </Space>
          ),
        }}
        columns={[
          {
            title: t('cmdb.webhooks.createdAt'),
            key: 'createdAt',
            width: 170,
            render: (_, d) => time(d.createdAt),
          },
          { title: t('cmdb.webhooks.event'), dataIndex: 'event', width: 140 },
          {
            title: t('cmdb.webhooks.status'),
            key: 'status',
            width: 100,
            render: (_, d) => (
              <Tag color={STATUS_COLORS[d.status]}>{t(`cmdb.webhooks.statuses.${d.status}`)}</Tag>
            ),
          },
          {
            title: t('cmdb.webhooks.attempts'),
            key: 'attempts',
            width: 80,
            render: (_, d) => `${d.attempts} / ${d.maxAttempts}`,
          },
          {
            title: t('cmdb.webhooks.lastStatusCode'),
            key: 'code',
            width: 90,
            render: (_, d) => d.lastStatusCode ?? '—',
          },
          {
            title: t('cmdb.webhooks.nextAttemptAt'),
            key: 'next',
            width: 170,
            render: (_, d) => (d.status === 'PENDING' ? time(d.nextAttemptAt) : '—'),
          },
          {
            title: '',
            key: 'redeliver',
            width: 60,
            render: (_, d) => (
              <Tooltip title={t('cmdb.webhooks.redeliver')}>
                <Button
                  size="small"
                  type="text"
                  icon={<RedoOutlined />}
                  aria-label={t('cmdb.webhooks.redeliver')}
                  loading={redeliver.isPending && redeliver.variables?.id === d.id}
                  onClick={() => redeliver.mutate(d)}
                  data-testid="webhook-redeliver"
                />
              </Tooltip>
            ),
          },
        ]}
      />
      {deliveries.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
            {t('cmdb.webhooks.more')}
          </Button>
        </div>
      )}
    </Drawer>
  );
}

/** 变更订阅: outbound webhook subscriptions to CMDB changes, their secrets and delivery log. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['cmdb-webhooks'], queryFn: webhooksApi.list });
  const [editing, setEditing] = useState<Webhook | null | undefined>();
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const remove = useMutation({
    mutationFn: webhooksApi.remove,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['cmdb-webhooks'] }),
  });
  const rotate = useMutation({
    mutationFn: webhooksApi.rotateSecret,
    onSuccess: (answer) => setSecret(answer.secret),
  });
  const any = (codes: string[]) =>
    codes.length === 0 ? <Typography.Text type="secondary">{t('cmdb.webhooks.any')}</Typography.Text> : null;

  return (
    <Card
      title={t('cmdb.webhooks.menu')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(null)}
          data-testid="webhook-new"
        >
          {t('cmdb.webhooks.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('cmdb.webhooks.intro')}</Typography.Paragraph>
      {list.error && <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />}
      {(remove.error || rotate.error) && (
        <ErrorAlert error={remove.error ?? rotate.error} style={{ marginBottom: 12 }} />
      )}
      <Table<Webhook>
        size="small"
        rowKey="id"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data ?? []}
        data-testid="webhooks"
        columns={[
          { title: t('cmdb.webhooks.name'), dataIndex: 'name' },
          {
            title: t('cmdb.webhooks.url'),
            dataIndex: 'url',
            render: (url: string) => (
              <Typography.Text className="ts-mono" ellipsis={{ tooltip: url }} style={{ maxWidth: 280 }}>
                {url}
              </Typography.Text>
            ),
          },
          {
            title: t('cmdb.webhooks.models'),
            key: 'models',
            render: (_, w) => any(w.models) ?? w.models.map((m) => <Tag key={m}>{m}</Tag>),
          },
          {
            title: t('cmdb.webhooks.attributes'),
            key: 'attributes',
            render: (_, w) => any(w.attributes) ?? w.attributes.map((a) => <Tag key={a}>{a}</Tag>),
          },
          {
            title: t('cmdb.webhooks.events'),
            key: 'events',
            render: (_, w) =>
              w.events.length === EVENTS.length ? (
                <Typography.Text type="secondary">{t('cmdb.webhooks.allEvents')}</Typography.Text>
              ) : (
                w.events.map((e) => <Tag key={e}>{t(`cmdb.webhooks.eventNames.${e}`)}</Tag>)
              ),
          },
          {
            title: t('cmdb.webhooks.scope'),
            key: 'scope',
            render: (_, w) => (
              <Tooltip title={t('cmdb.webhooks.scopeHint')}>
                <Typography.Text
                  type={w.scope?.everywhere ? 'secondary' : undefined}
                  data-testid="webhook-scope"
                >
                  {scopeText(w.scope, t('cmdb.webhooks.any'))}
                </Typography.Text>
              </Tooltip>
            ),
          },
          {
            title: t('cmdb.webhooks.enabled'),
            key: 'enabled',
            width: 80,
            render: (_, w) =>
              w.enabled ? (
                <Tag color="green">{t('cmdb.webhooks.on')}</Tag>
              ) : (
                <Tag>{t('cmdb.webhooks.off')}</Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            width: 170,
            render: (_, w) => (
              <Space size={0}>
                <Tooltip title={t('cmdb.webhooks.deliveries')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<HistoryOutlined />}
                    aria-label={t('cmdb.webhooks.deliveries')}
                    onClick={() => setLog(w)}
                    data-testid="webhook-log"
                  />
                </Tooltip>
                <Tooltip title={t('cmdb.webhooks.edit')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('cmdb.webhooks.edit')}
                    onClick={() => setEditing(w)}
                  />
                </Tooltip>
                <Popconfirm title={t('cmdb.webhooks.rotateConfirm')} onConfirm={() => rotate.mutate(w.id)}>
                  <Tooltip title={t('cmdb.webhooks.rotate')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<KeyOutlined />}
                      aria-label={t('cmdb.webhooks.rotate')}
                    />
                  </Tooltip>
                </Popconfirm>
                <DeleteButton
                  confirm={t('cmdb.webhooks.deleteConfirm', { name: w.name })}
                  onConfirm={() => remove.mutate(w.id)}
                />
              </Space>
            ),
          },
        ]}
      />
      <WebhookModal editing={editing} onClose={() => setEditing(undefined)} onCreated={setSecret} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <Deliveries webhook={log} onClose={() => setLog(null)} />
    </Card>
  );
}
