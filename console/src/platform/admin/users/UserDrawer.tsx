import { DeleteOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Descriptions,
  Divider,
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
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type RoleAssignment, type User } from '../../../api/admin';
import { allErrorsOnFields, errorMessage, formFieldErrors } from '../../../api/errors';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import { scopeOf, scopeText } from './scope';
import { ErrorAlert } from '../../../app/feedback';

const time = (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');
const ENVIRONMENTS = ['prod', 'uat', 'test', 'dev'];

function useRefreshUser(userId: string) {
  const client = useQueryClient();
  return (user?: User) => {
    if (user) client.setQueryData(['user', userId], user);
    void client.invalidateQueries({ queryKey: ['users'] });
    void client.invalidateQueries({ queryKey: ['user', userId] });
    void client.invalidateQueries({ queryKey: ['assignments', userId] });
  };
}

function ProfileForm({ user, canWrite }: { user: User; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshUser(user.id);
  const [form] = Form.useForm<{ displayName: string; email?: string }>();
  useEffect(() => {
    form.setFieldsValue({ displayName: user.displayName, email: user.email ?? '' });
  }, [form, user.displayName, user.email]);
  const save = useMutation({
    mutationFn: (v: { displayName: string; email?: string }) =>
      adminApi.updateUser(user.id, { displayName: v.displayName.trim(), email: v.email?.trim() ?? '' }),
    onSuccess: (u) => {
      refresh(u);
      message.success(t('admin.users.saved'));
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, ['displayName', 'email'])),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={!canWrite}
      onFinish={(v) => save.mutate(v)}
      data-testid="user-profile-form"
    >
      <Space align="start" wrap>
        <Form.Item
          name="displayName"
          label={t('admin.users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
        >
          <Input style={{ width: 200 }} data-testid="user-edit-display-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('admin.users.email')}
          rules={[{ type: 'email', message: t('errors.validation.invalid') }]}
        >
          <Input style={{ width: 240 }} data-testid="user-edit-email" />
        </Form.Item>
        {canWrite && (
          <Form.Item label=" ">
            <Button htmlType="submit" loading={save.isPending} data-testid="user-edit-save">
              {t('app.actions.save')}
            </Button>
          </Form.Item>
        )}
      </Space>
      {save.isError && !allErrorsOnFields(save.error, ['displayName', 'email']) && (
        <ErrorAlert error={save.error} />
      )}
    </Form>
  );
}

function ResetPasswordModal({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshUser(user.id);
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: (v: { password: string }) => adminApi.resetPassword(user.id, v.password),
    onSuccess: (u) => {
      refresh(u);
      message.success(t('admin.users.passwordReset', { username: user.username }));
      onClose();
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, ['password'])),
  });
  return (
    <Modal
      open={open}
      title={t('admin.users.resetPasswordTitle', { username: user.username })}
      okText={t('admin.users.resetPassword')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        reset.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)} data-testid="user-reset-form">
        <Form.Item
          name="password"
          label={t('admin.users.newPassword')}
          extra={t('admin.users.passwordHint')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-reset-password" />
        </Form.Item>
        {reset.isError && !allErrorsOnFields(reset.error, ['password']) && <ErrorAlert error={reset.error} />}
      </Form>
    </Modal>
  );
}

interface NewAssignment {
  roleId: string;
  businessSystem?: string;
  environment?: string;
}

function Assignments({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const canWrite = allowed(P.ROLE_WRITE, permissions);
  const refresh = useRefreshUser(user.id);
  const [form] = Form.useForm<NewAssignment>();
  const assignments = useQuery({
    queryKey: ['assignments', user.id],
    queryFn: () => adminApi.assignments(user.id),
  });
  const roles = useQuery({ queryKey: ['roles'], queryFn: adminApi.roles, enabled: canWrite });
  const add = useMutation({
    mutationFn: (v: NewAssignment) =>
      adminApi.assignRole({
        userId: user.id,
        roleId: v.roleId,
        scope: scopeOf(v.businessSystem, v.environment),
      }),
    onSuccess: (a) => {
      refresh();
      form.resetFields();
      message.success(t('admin.users.assigned', { role: a.roleName }));
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, ['roleId'])),
  });
  const remove = useMutation({
    mutationFn: (a: RoleAssignment) => adminApi.unassignRole(a.id),
    onSuccess: () => refresh(),
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  return (
    <>
      {assignments.isError && <ErrorAlert error={assignments.error} style={{ marginBottom: 12 }} />}
      <Table<RoleAssignment>
        rowKey="id"
        size="small"
        loading={assignments.isPending}
        dataSource={assignments.data ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.users.noAssignments') }}
        data-testid="user-assignments"
        columns={[
          {
            title: t('admin.users.role'),
            dataIndex: 'roleName',
            render: (v: string) => <Tag color="blue">{v}</Tag>,
          },
          {
            title: t('admin.users.scope'),
            dataIndex: 'scope',
            render: (s: RoleAssignment['scope']) =>
              scopeText(s) || (
                <Typography.Text type="secondary">{t('admin.users.everywhere')}</Typography.Text>
              ),
          },
          {
            title: t('admin.users.assignedAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  width: 60,
                  render: (_: unknown, a: RoleAssignment) => (
                    <Popconfirm
                      title={t('admin.users.unassignConfirm', { role: a.roleName })}
                      okText={t('app.actions.ok')}
                      cancelText={t('app.actions.cancel')}
                      onConfirm={() => remove.mutateAsync(a)}
                    >
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('admin.users.unassign')}
                      />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canWrite && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate(v)}
          style={{ marginTop: 16 }}
          data-testid="user-assign-form"
        >
          <Space align="start" wrap>
            <Form.Item
              name="roleId"
              label={t('admin.users.role')}
              rules={[{ required: true, message: t('app.form.required') }]}
            >
              <Select
                style={{ width: 170 }}
                loading={roles.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                data-testid="user-assign-role"
              />
            </Form.Item>
            <Form.Item name="businessSystem" label={t('admin.users.businessSystem')}>
              <Input
                style={{ width: 140 }}
                placeholder={t('admin.users.any')}
                data-testid="user-assign-system"
              />
            </Form.Item>
            <Form.Item name="environment" label={t('admin.users.environment')}>
              <AutoComplete
                style={{ width: 110 }}
                placeholder={t('admin.users.any')}
                options={ENVIRONMENTS.map((e) => ({ value: e }))}
                data-testid="user-assign-environment"
              />
            </Form.Item>
            <Form.Item label=" ">
              <Button
                type="primary"
                htmlType="submit"
                loading={add.isPending}
                data-testid="user-assign-submit"
              >
                {t('admin.users.assign')}
              </Button>
            </Form.Item>
          </Space>
          {add.isError && !allErrorsOnFields(add.error, ['roleId']) && (
            <Alert
              type="error"
              showIcon
              title={errorMessage(add.error, t, i18n)}
              data-testid="user-assign-error"
            />
          )}
        </Form>
      )}
    </>
  );
}

/** The user detail drawer: profile, status (enable, unlock), password reset, role assignments. */
export default function UserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const canWrite = allowed(P.USER_WRITE, permissions);
  const [resetting, setResetting] = useState(false);
  const user = useQuery({
    queryKey: ['user', userId],
    queryFn: () => adminApi.user(userId!),
    enabled: !!userId,
  });
  const refresh = useRefreshUser(userId ?? '');
  const setEnabled = useMutation({
    mutationFn: (enabled: boolean) => adminApi.updateUser(userId!, { enabled }),
    onSuccess: (u) => {
      refresh(u);
      message.success(u.enabled ? t('admin.users.enabledNow') : t('admin.users.disabledNow'));
    },
  });
  const unlock = useMutation({
    mutationFn: () => adminApi.unlockUser(userId!),
    onSuccess: (u) => {
      refresh(u);
      message.success(t('admin.users.unlocked'));
    },
  });
  const u = user.data;
  return (
    <Drawer
      open={!!userId}
      onClose={() => {
        setEnabled.reset();
        unlock.reset();
        onClose();
      }}
      size={720}
      title={u ? `${u.displayName} (${u.username})` : t('admin.users.details')}
      destroyOnHidden
      data-testid="user-drawer"
    >
      {user.isError && <ErrorAlert error={user.error} />}
      {u && (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              {
                key: 'username',
                label: t('admin.users.username'),
                children: <span className="ts-mono">{u.username}</span>,
              },
              {
                key: 'status',
                label: t('admin.users.status'),
                children: (
                  <Space size={4} wrap>
                    <Tag color={u.enabled ? 'green' : 'default'}>
                      {u.enabled ? t('admin.users.enabled') : t('admin.users.disabled')}
                    </Tag>
                    {u.locked && <Tag color="red">{t('admin.users.locked')}</Tag>}
                    {u.mustChangePassword && <Tag color="orange">{t('admin.users.mustChange')}</Tag>}
                  </Space>
                ),
              },
              {
                key: 'totp',
                label: t('admin.users.totp'),
                children: u.totpEnabled ? t('app.yes') : t('app.no'),
              },
              { key: 'createdAt', label: t('admin.users.createdAt'), children: time(u.createdAt) },
              {
                key: 'lastLoginAt',
                label: t('admin.users.lastLoginAt'),
                children: u.lastLoginAt ? time(u.lastLoginAt) : t('admin.users.never'),
              },
            ]}
          />
          {u.locked && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="user-locked"
              title={
                u.lockedUntil
                  ? t('admin.users.lockedUntil', { until: time(u.lockedUntil) })
                  : t('admin.users.lockedNoEnd')
              }
              action={
                canWrite && (
                  <Button
                    size="small"
                    icon={<UnlockOutlined />}
                    loading={unlock.isPending}
                    onClick={() => unlock.mutate()}
                    data-testid="user-unlock"
                  >
                    {t('admin.users.unlock')}
                  </Button>
                )
              }
            />
          )}
          {canWrite && (
            <Space style={{ marginTop: 12 }} wrap>
              <Space size={6}>
                <Switch
                  checked={u.enabled}
                  loading={setEnabled.isPending}
                  onChange={(v) => setEnabled.mutate(v)}
                  data-testid="user-enabled"
                />
                <span>{t('admin.users.accountEnabled')}</span>
              </Space>
              <Button icon={<KeyOutlined />} onClick={() => setResetting(true)} data-testid="user-reset">
                {t('admin.users.resetPassword')}
              </Button>
            </Space>
          )}
          {[setEnabled, unlock].map(
            (m, i) =>
              m.isError && (
                <Alert
                  key={i}
                  type="error"
                  showIcon
                  style={{ marginTop: 12 }}
                  title={errorMessage(m.error, t, i18n)}
                />
              ),
          )}
          <Divider titlePlacement="start">{t('admin.users.profile')}</Divider>
          <ProfileForm user={u} canWrite={canWrite} />
          {allowed(P.ROLE_READ, permissions) && (
            <>
              <Divider titlePlacement="start">{t('admin.users.assignments')}</Divider>
              <Assignments user={u} />
            </>
          )}
          <ResetPasswordModal user={u} open={resetting} onClose={() => setResetting(false)} />
        </>
      )}
    </Drawer>
  );
}
