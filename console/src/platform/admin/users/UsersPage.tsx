import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type User } from '../../../api/admin';
import { ApiError } from '../../../api/client';
import { allErrorsOnFields, errorMessage, formFieldErrors } from '../../../api/errors';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import { scopeText } from './scope';
import UserDrawer from './UserDrawer';
import { ErrorAlert } from '../../../app/feedback';

const FIELDS = ['username', 'displayName', 'email', 'password', 'roleId'];
const PAGE_SIZE = 20;

interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  password: string;
  roleId?: string;
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const permissions = usePermissions();
  const [form] = Form.useForm<NewUser>();
  const canAssign = allowed(P.ROLE_READ, permissions) && allowed(P.ROLE_WRITE, permissions);
  const roles = useQuery({ queryKey: ['roles'], queryFn: adminApi.roles, enabled: open && canAssign });
  const create = useMutation({
    mutationFn: async (v: NewUser) => {
      const user = await adminApi.createUser({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        email: v.email?.trim() || undefined,
        password: v.password,
      });
      if (!v.roleId) return { user };
      try {
        await adminApi.assignRole({ userId: user.id, roleId: v.roleId });
        return { user };
      } catch (e) {
        return { user, roleError: e };
      }
    },
    onSuccess: ({ user, roleError }) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      if (roleError) {
        message.warning(
          t('admin.users.createdNoRole', {
            username: user.username,
            error: errorMessage(roleError, t, i18n),
          }),
        );
      } else {
        message.success(t('admin.users.created', { username: user.username }));
      }
      form.resetFields();
      onClose();
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, FIELDS)),
  });
  return (
    <Modal
      open={open}
      title={t('admin.users.create')}
      okText={t('app.actions.create')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'user-create-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} data-testid="user-create-form">
        <Form.Item
          name="username"
          label={t('admin.users.username')}
          rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
        >
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('admin.users.email')}
          rules={[{ type: 'email', message: t('errors.validation.invalid') }]}
        >
          <Input data-testid="user-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('admin.users.password')}
          extra={t('admin.users.passwordHint')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        {canAssign && (
          <Form.Item name="roleId" label={t('admin.users.role')} extra={t('admin.users.roleHint')}>
            <Select
              allowClear
              loading={roles.isPending}
              options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              data-testid="user-role"
            />
          </Form.Item>
        )}
        {create.isError && !allErrorsOnFields(create.error, FIELDS) && <ErrorAlert error={create.error} />}
      </Form>
    </Modal>
  );
}

/** 用户: searchable list paged by cursor, create (with an initial role), details drawer. */
export default function UsersPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [query, setQuery] = useState('');
  // the cursors of the pages visited so far; the last one is shown (undefined = first page)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];
  const users = useQuery({
    queryKey: ['users', query, cursor],
    queryFn: () => adminApi.users({ query: query || undefined, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const nextCursor = users.data?.nextCursor ?? null;
  const search = (value: string) => {
    setQuery(value.trim());
    setCursors([undefined]);
  };

  return (
    <Card
      title={t('admin.users.menu')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('admin.users.search')}
            onSearch={search}
            style={{ width: 280 }}
            data-testid="user-search"
          />
          {allowed(P.USER_WRITE, permissions) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="user-create"
            >
              {t('admin.users.create')}
            </Button>
          )}
        </Space>
      }
    >
      {users.isError && !(users.error instanceof ApiError && users.error.status === 401) && (
        <ErrorAlert error={users.error} style={{ marginBottom: 16 }} />
      )}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="user-table"
        onRow={(u) => ({ onDoubleClick: () => setSelected(u.id) })}
        columns={[
          {
            title: t('admin.users.username'),
            dataIndex: 'username',
            render: (v: string, u) => (
              <Typography.Link onClick={() => setSelected(u.id)} data-testid={`user-open-${v}`}>
                {v}
              </Typography.Link>
            ),
          },
          { title: t('admin.users.displayName'), dataIndex: 'displayName' },
          { title: t('admin.users.email'), dataIndex: 'email', ellipsis: true },
          {
            title: t('admin.users.roles'),
            dataIndex: 'roles',
            render: (roles: User['roles']) =>
              roles?.map((r) => {
                const scope = scopeText(r.scope);
                return (
                  <Tag key={`${r.roleId}-${scope}`} color="blue">
                    {r.roleName}
                    {scope ? ` (${scope})` : ''}
                  </Tag>
                );
              }),
          },
          {
            title: t('admin.users.status'),
            render: (_, u) => (
              <Space size={4} wrap>
                <Tag color={u.enabled ? 'green' : 'default'}>
                  {u.enabled ? t('admin.users.enabled') : t('admin.users.disabled')}
                </Tag>
                {u.locked && <Tag color="red">{t('admin.users.locked')}</Tag>}
                {u.totpEnabled && <Tag color="purple">{t('admin.users.totp')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('admin.users.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('admin.users.lastLoginAt'),
            dataIndex: 'lastLoginAt',
            width: 150,
            render: (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : t('admin.users.never')),
          },
        ]}
      />
      <Space style={{ marginTop: 12, width: '100%', justifyContent: 'flex-end' }}>
        <Typography.Text type="secondary">{t('admin.users.page', { page: cursors.length })}</Typography.Text>
        <Button
          icon={<LeftOutlined />}
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="user-page-previous"
        >
          {t('admin.users.previous')}
        </Button>
        <Button
          disabled={!nextCursor || users.isPlaceholderData}
          onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
          data-testid="user-page-next"
        >
          {t('admin.users.next')} <RightOutlined />
        </Button>
      </Space>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <UserDrawer userId={selected} onClose={() => setSelected(null)} />
    </Card>
  );
}
