import { DownloadOutlined, KeyOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import zabbixMediaType from '../../../../docs/integrations/zabbix-media-type.yaml?raw';
import { formErrorMessage } from '../../api/errors';
import { DeleteButton, ErrorAlert } from '../../app/feedback';
import { pathFieldErrors } from '../../platform/admin/fieldErrors';
import {
  CREATABLE_KINDS,
  integrationsApi,
  SEVERITIES,
  type IntegrationKind,
  type IntegrationView,
} from '../api';
import { SourceLabel, Time } from '../shared';
import { examples, usesToken, type Example } from './examples';
import { formField, JSON_PATH_FIELDS, rejections, toDraft, toForm, type IntegrationFormValues } from './form';
import { Listeners } from './Listeners';

const baseUrl = () => window.location.origin;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function Examples({ kind, token }: { kind: IntegrationKind; token?: string | null }) {
  const { t } = useTranslation();
  const list: Example[] = examples(kind, { baseUrl: baseUrl(), token, zabbixMediaType });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="integration-examples">
      {usesToken(kind) && !token && (
        <Alert type="info" showIcon title={t('event.integrations.tokenPlaceholder')} />
      )}
      {!usesToken(kind) && (
        <Alert type="info" showIcon title={t(`event.integrations.listenerHint.${kind}`)} />
      )}
      {list.map((e) => (
        <div key={e.key}>
          <Space>
            <Typography.Text strong>{t(`event.integrations.examples.${e.key}`)}</Typography.Text>
            {e.fileName && (
              <Button size="small" icon={<DownloadOutlined />} onClick={() => download(e.fileName!, e.text)}>
                {t('event.integrations.download')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph copyable={{ text: e.text }} style={{ marginBottom: 0 }}>
            <pre className="ts-mono" style={{ maxHeight: 320, overflow: 'auto', margin: '4px 0' }}>
              {e.text}
            </pre>
          </Typography.Paragraph>
        </div>
      ))}
    </Space>
  );
}

function Stats({ id }: { id: string }) {
  const { t } = useTranslation();
  const stats = useQuery({
    queryKey: ['event-integration-stats', id],
    queryFn: () => integrationsApi.stats(id),
    refetchInterval: 10_000,
  });
  if (stats.error) return <ErrorAlert error={stats.error} />;
  const s = stats.data;
  return (
    <div data-testid="integration-stats">
      <Row gutter={16}>
        {(['accepted', 'duplicates', 'dropped', 'rejected'] as const).map((k) => (
          <Col span={6} key={k}>
            <Statistic
              title={t(`event.integrations.stats.${k}`)}
              value={s?.[k] ?? 0}
              loading={stats.isPending}
            />
          </Col>
        ))}
      </Row>
      <Table
        size="small"
        style={{ marginTop: 16 }}
        rowKey="reason"
        pagination={false}
        dataSource={rejections(s?.counters ?? {})}
        locale={{ emptyText: t('event.integrations.stats.noRejections') }}
        columns={[
          {
            title: t('event.integrations.stats.reason'),
            dataIndex: 'reason',
            render: (r: string) => <code>{r}</code>,
          },
          { title: t('event.integrations.stats.count'), dataIndex: 'count', width: 100, align: 'right' },
        ]}
      />
    </div>
  );
}

function IntegrationForm({ kind }: { kind: IntegrationKind }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="name"
        label={t('event.common.name')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('event.integrations.description')}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="enabled" label={t('event.common.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="defaultSeverity" label={t('event.integrations.defaultSeverity')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={SEVERITIES.map((s) => ({ value: s, label: t(`event.severity.${s}`) }))}
          />
        </Form.Item>
        {(kind === 'prometheus' || kind === 'alertmanager') && (
          <Form.Item name="resolveTimeout" label={t('event.integrations.resolveTimeout')}>
            <Input style={{ width: 120 }} placeholder="5m" />
          </Form.Item>
        )}
        {kind === 'zabbix' && (
          <Form.Item name="timezone" label={t('event.integrations.timezone')}>
            <Input style={{ width: 180 }} placeholder="Asia/Shanghai" />
          </Form.Item>
        )}
      </Space>
      <Typography.Text strong>{t('event.integrations.severityMapping')}</Typography.Text>
      <Form.List name="severityMapping">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8, marginBottom: 16 }}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item
                  name={[f.name, 'from']}
                  rules={[{ required: true, message: t('app.form.required') }]}
                >
                  <Input placeholder={t('event.integrations.sourceValue')} />
                </Form.Item>
                →
                <Form.Item
                  name={[f.name, 'to']}
                  rules={[{ required: true, message: t('app.form.required') }]}
                >
                  <Select
                    style={{ width: 120 }}
                    options={SEVERITIES.map((s) => ({ value: s, label: t(`event.severity.${s}`) }))}
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ from: '', to: 'WARNING' })}>
              {t('event.integrations.addMapping')}
            </Button>
          </div>
        )}
      </Form.List>
      {kind === 'generic-json' && (
        <Card size="small" title={t('event.integrations.mapping')} data-testid="integration-mapping">
          <Typography.Paragraph type="secondary">{t('event.integrations.mappingHint')}</Typography.Paragraph>
          <Row gutter={12}>
            {JSON_PATH_FIELDS.map((f) => (
              <Col span={12} key={f}>
                <Form.Item name={['settings', f]} label={t(`event.integrations.paths.${f}`)}>
                  <Input className="ts-mono" placeholder={f === 'alertsPath' ? '$.events[*]' : `$.${f}`} />
                </Form.Item>
              </Col>
            ))}
            <Col span={12}>
              <Form.Item
                name={['settings', 'fingerprintFields']}
                label={t('event.integrations.paths.fingerprintFields')}
              >
                <Select mode="tags" className="ts-mono" placeholder="$.host, $.check" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name={['settings', 'resolvedValues']}
                label={t('event.integrations.paths.resolvedValues')}
              >
                <Select mode="tags" placeholder="resolved, ok" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text>{t('event.integrations.paths.labelPaths')}</Typography.Text>
          <Form.List name={['settings', 'labelPaths']}>
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'label']}>
                      <Input placeholder={t('event.matchers.name')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'path']}>
                      <Input className="ts-mono" placeholder="$.host" />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ label: '', path: '' })}>
                  {t('event.integrations.addLabelPath')}
                </Button>
              </div>
            )}
          </Form.List>
        </Card>
      )}
    </>
  );
}

/**
 * 接入: integrations, their tokens (shown once), statistics and example configurations, and the
 * state of the syslog and SNMP trap listeners.
 */
export default function IntegrationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<IntegrationFormValues>();
  const kind = (Form.useWatch('kind', form) ?? 'alertmanager') as IntegrationKind;
  const [editing, setEditing] = useState<IntegrationView | 'new' | null>(null);
  const [shown, setShown] = useState<IntegrationView | null>(null);
  const [opened, setOpened] = useState<IntegrationView | null>(null);
  // tokens seen in this page's life (answers of create/rotate): examples can show them until reload
  const [tokens, setTokens] = useState<Record<string, string>>({});
  const list = useQuery({ queryKey: ['event-integrations'], queryFn: integrationsApi.list });
  const gotToken = (i: IntegrationView) => {
    if (i.token) setTokens((m) => ({ ...m, [i.id]: i.token! }));
    setShown(i);
    void client.invalidateQueries({ queryKey: ['event-integrations'] });
  };
  const save = useMutation({
    mutationFn: (v: IntegrationFormValues) => {
      const existing = editing && editing !== 'new' ? editing : undefined;
      const draft = toDraft(v, existing);
      return existing ? integrationsApi.update(existing.id, draft) : integrationsApi.create(draft);
    },
    onSuccess: (i) => {
      setEditing(null);
      if (i.token) gotToken(i);
      else {
        void message.success(t('event.common.saved'));
        void client.invalidateQueries({ queryKey: ['event-integrations'] });
      }
    },
    onError: (e) =>
      form.setFields(
        pathFieldErrors(e, t, i18n, () => true).map((f) => ({
          ...f,
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- antd types names per form
          name: formField((f.name as (string | number)[]).join('.')) as any,
        })),
      ),
  });
  const rotate = useMutation({ mutationFn: integrationsApi.rotate, onSuccess: gotToken });
  const remove = useMutation({
    mutationFn: integrationsApi.remove,
    onSuccess: () => {
      void message.success(t('event.common.deleted'));
      void client.invalidateQueries({ queryKey: ['event-integrations'] });
    },
  });
  const open = (i: IntegrationView | 'new') => {
    setEditing(i);
    save.reset();
    form.resetFields();
    form.setFieldsValue(
      i === 'new' ? { name: '', kind: 'alertmanager', enabled: true, severityMapping: [] } : toForm(i),
    );
  };

  return (
    <Card
      title={t('event.integrations.menu')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => open('new')}
          data-testid="integration-create"
        >
          {t('event.integrations.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('event.integrations.intro')}</Typography.Paragraph>
      {list.error && <ErrorAlert error={list.error} />}
      {(rotate.error || remove.error) && (
        <ErrorAlert error={rotate.error ?? remove.error} style={{ marginBottom: 12 }} />
      )}
      <Table<IntegrationView>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="integrations-table"
        columns={[
          {
            title: t('event.common.name'),
            key: 'name',
            render: (_, i) => (
              <Typography.Link onClick={() => setOpened(i)} data-testid="integration-open">
                {i.name}
              </Typography.Link>
            ),
          },
          {
            title: t('event.integrations.kind'),
            key: 'kind',
            width: 150,
            render: (_, i) => <SourceLabel source={i.kind} />,
          },
          {
            title: t('event.common.enabled'),
            key: 'enabled',
            width: 80,
            render: (_, i) =>
              i.enabled ? (
                <Tag color="green">{t('event.common.enabled')}</Tag>
              ) : (
                <Tag>{t('event.common.disabled')}</Tag>
              ),
          },
          {
            title: t('event.integrations.token'),
            key: 'token',
            width: 160,
            render: (_, i) =>
              usesToken(i.kind) ? <code>{i.tokenHint ? `${i.tokenHint}…` : '—'}</code> : '—',
          },
          {
            title: t('event.integrations.tokenRotatedAt'),
            key: 'rot',
            width: 170,
            render: (_, i) => <Time at={i.tokenRotatedAt} />,
          },
          {
            key: 'actions',
            width: 220,
            render: (_, i) => (
              <Space>
                <Button size="small" onClick={() => open(i)}>
                  {t('event.common.edit')}
                </Button>
                {usesToken(i.kind) && (
                  <Popconfirm
                    title={t('event.integrations.rotateConfirm')}
                    onConfirm={() => rotate.mutate(i.id)}
                  >
                    <Button size="small" icon={<KeyOutlined />} data-testid="integration-rotate">
                      {t('event.integrations.rotate')}
                    </Button>
                  </Popconfirm>
                )}
                <DeleteButton
                  confirm={t('event.common.deleteConfirm', { name: i.name })}
                  onConfirm={() => remove.mutate(i.id)}
                />
              </Space>
            ),
          },
        ]}
      />
      <Listeners />
      <Modal
        open={editing !== null}
        width={760}
        title={editing === 'new' ? t('event.integrations.create') : t('event.integrations.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        confirmLoading={save.isPending}
        forceRender
      >
        {save.error && (
          <ErrorAlert
            error={
              new Error(
                formErrorMessage(save.error, t, i18n, ['name', 'kind', 'severityMapping', 'settings']),
              )
            }
            style={{ marginBottom: 12 }}
          />
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('event.integrations.kind')}>
            <Radio.Group disabled={editing !== 'new'} optionType="button" data-testid="integration-kind">
              {CREATABLE_KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  {t(`event.source.${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {t(`event.integrations.kindHint.${kind}`)}
          </Typography.Paragraph>
          <IntegrationForm kind={kind} />
        </Form>
      </Modal>
      <Modal
        open={shown !== null}
        width={820}
        title={t('event.integrations.tokenTitle', { name: shown?.name })}
        onCancel={() => setShown(null)}
        footer={
          <Button type="primary" onClick={() => setShown(null)}>
            {t('app.actions.close')}
          </Button>
        }
      >
        {shown && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {usesToken(shown.kind) && shown.token && (
              <>
                <Alert type="warning" showIcon title={t('event.integrations.tokenOnce')} />
                <Typography.Text
                  className="ts-mono"
                  copyable={{ text: shown.token }}
                  strong
                  data-testid="integration-token"
                >
                  {shown.token}
                </Typography.Text>
              </>
            )}
            <Examples kind={shown.kind} token={shown.token} />
          </Space>
        )}
      </Modal>
      <Drawer
        open={opened !== null}
        size="large"
        onClose={() => setOpened(null)}
        title={opened?.name}
        forceRender
      >
        {opened && (
          <Tabs
            items={[
              {
                key: 'examples',
                label: t('event.integrations.examplesTab'),
                children: <Examples kind={opened.kind} token={tokens[opened.id]} />,
              },
              { key: 'stats', label: t('event.integrations.statsTab'), children: <Stats id={opened.id} /> },
            ]}
          />
        )}
      </Drawer>
    </Card>
  );
}
