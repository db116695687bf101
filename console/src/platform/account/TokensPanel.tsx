import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allErrorsOnFields, errorMessage, formErrorMessage, formFieldErrors } from '../../api/errors';
import { platformApi, type ApiToken, type CreatedApiToken } from '../../api/platform';
import { usePermissions } from '../../app/session';

const FIELDS = ['name', 'permissions', 'expiresAt'];
const fmt = (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : undefined);

function status(token: ApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (dayjs(token.expiresAt).isBefore(dayjs())) return 'expired';
  return 'active';
}

/** Personal API tokens: list, create (permissions ⊆ own, expiry; shown once), revoke. */
export function TokensPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const permissions = usePermissions();
  const [form] = Form.useForm<{ name: string; permissions: string[]; expiresAt: Dayjs }>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken>();
  const tokens = useQuery({ queryKey: ['me', 'tokens'], queryFn: platformApi.myTokens });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] });

  const create = useMutation({
    mutationFn: (v: { name: string; permissions: string[]; expiresAt: Dayjs }) =>
      platformApi.createToken({
        name: v.name.trim(),
        permissions: v.permissions,
        expiresAt: v.expiresAt.endOf('day').toISOString(),
      }),
    onSuccess: (token) => {
      setCreating(false);
      form.resetFields();
      setCreated(token);
      void refresh();
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, FIELDS)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => platformApi.revokeToken(id),
    onSuccess: () => {
      message.success(t('account.tokens.revokedMessage'));
      void refresh();
    },
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('account.tokens.intro')}</Typography.Paragraph>
      <Button type="primary" onClick={() => setCreating(true)} data-testid="token-create">
        {t('account.tokens.create')}
      </Button>
      {tokens.isError && <Alert type="error" showIcon message={errorMessage(tokens.error, t, i18n)} />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data ?? []}
        pagination={false}
        locale={{ emptyText: t('account.tokens.empty') }}
        data-testid="token-table"
        columns={[
          { title: t('account.tokens.name'), dataIndex: 'name' },
          {
            title: t('account.tokens.permissions'),
            dataIndex: 'permissions',
            render: (ps: string[]) => ps.map((p) => <Tag key={p}>{p}</Tag>),
          },
          { title: t('account.tokens.createdAt'), dataIndex: 'createdAt', render: fmt },
          { title: t('account.tokens.expiresAt'), dataIndex: 'expiresAt', render: fmt },
          {
            title: t('account.tokens.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v) => fmt(v) ?? t('account.tokens.never'),
          },
          {
            title: t('account.tokens.status'),
            render: (_, token) => {
              const s = status(token);
              return <Tag color={s === 'active' ? 'green' : 'default'}>{t(`account.tokens.${s}`)}</Tag>;
            },
          },
          {
            title: '',
            render: (_, token) =>
              status(token) === 'active' && (
                <Popconfirm
                  title={t('account.tokens.revokeConfirm')}
                  okText={t('account.tokens.revoke')}
                  cancelText={t('app.actions.cancel')}
                  onConfirm={() => revoke.mutate(token.id)}
                >
                  <Button size="small" danger data-testid={`token-revoke-${token.name}`}>
                    {t('account.tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('account.tokens.create')}
        okText={t('app.actions.create')}
        cancelText={t('app.actions.cancel')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setCreating(false);
          create.reset();
        }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate(v)}
          initialValues={{ expiresAt: dayjs().add(90, 'day') }}
        >
          <Form.Item
            name="name"
            label={t('account.tokens.name')}
            rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
          >
            <Input maxLength={100} data-testid="token-name" />
          </Form.Item>
          <Form.Item
            name="permissions"
            label={t('account.tokens.permissions')}
            extra={t('account.tokens.permissionsHint')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Select
              mode="multiple"
              options={permissions.map((p) => ({ value: p, label: p }))}
              data-testid="token-permissions"
            />
          </Form.Item>
          <Form.Item
            name="expiresAt"
            label={t('account.tokens.expiresAt')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          {create.isError && !allErrorsOnFields(create.error, FIELDS) && (
            <Alert type="error" showIcon message={formErrorMessage(create.error, t, i18n, FIELDS)} />
          )}
        </Form>
      </Modal>
      <Modal
        open={!!created}
        title={t('account.tokens.createdTitle')}
        onOk={() => setCreated(undefined)}
        onCancel={() => setCreated(undefined)}
        okText={t('app.actions.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon message={t('account.tokens.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable className="ts-mono" data-testid="token-value">
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
