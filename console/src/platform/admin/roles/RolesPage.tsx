import { EditOutlined, EyeOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type Role, type RoleDraft, type RoleExclusion } from '../../../api/admin';
import { errorMessage } from '../../../api/errors';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import { allOnPaths, pathFieldErrors, under } from '../fieldErrors';
import PermissionPicker from './PermissionPicker';
import { ErrorAlert, DeleteButton } from '../../../app/feedback';

const ROLE_FIELDS = under('name', 'description', 'permissions');

/** `permissions[3]` errors are shown on the picker as a whole. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- form names as antd takes them
const onPicker = (list: { name: any; errors: string[] }[]) =>
  list.map((f) => (f.name[0] === 'permissions' ? { ...f, name: ['permissions'] } : f));

function RoleModal({ role, open, onClose }: { role: Role | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const permissions = usePermissions();
  const canWrite = allowed(P.ROLE_WRITE, permissions);
  const [form] = Form.useForm<RoleDraft>();
  const catalogue = useQuery({
    queryKey: ['permissions'],
    queryFn: adminApi.permissions,
    enabled: open,
    staleTime: 300_000,
  });
  const builtIn = !!role?.builtIn;
  const save = useMutation({
    mutationFn: (v: RoleDraft) => {
      const draft = {
        name: v.name.trim(),
        description: v.description?.trim() ?? '',
        permissions: v.permissions ?? [],
        requiresTotp: !!v.requiresTotp,
      };
      return role ? adminApi.updateRole(role.id, draft) : adminApi.createRole(draft);
    },
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['roles'] });
      message.success(t('admin.roles.saved', { name: r.name }));
      onClose();
    },
    onError: (e) => form.setFields(onPicker(pathFieldErrors(e, t, i18n, ROLE_FIELDS))),
  });
  return (
    <Modal
      open={open}
      width={860}
      title={
        role ? (canWrite ? t('admin.roles.edit', { name: role.name }) : role.name) : t('admin.roles.create')
      }
      okText={t('app.actions.save')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !canWrite }}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
      styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflowY: 'auto' } }}
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!canWrite}
        initialValues={
          role
            ? {
                name: role.name,
                description: role.description ?? '',
                permissions: role.permissions,
                requiresTotp: role.requiresTotp,
              }
            : { permissions: [], requiresTotp: false }
        }
        onFinish={(v) => save.mutate(v)}
        data-testid="role-form"
      >
        {builtIn && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('admin.roles.builtInHint')} />
        )}
        <Space align="start" wrap>
          <Form.Item
            name="name"
            label={t('admin.roles.name')}
            rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
          >
            <Input style={{ width: 220 }} disabled={builtIn} data-testid="role-name" />
          </Form.Item>
          <Form.Item
            name="requiresTotp"
            label={t('admin.roles.requiresTotp')}
            valuePropName="checked"
            tooltip={t('admin.roles.requiresTotpHint')}
          >
            <Switch data-testid="role-requires-totp" />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('admin.roles.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="role-description" />
        </Form.Item>
        {catalogue.isError && <ErrorAlert error={catalogue.error} style={{ marginBottom: 12 }} />}
        <Form.Item name="permissions" label={t('admin.roles.permissions')}>
          <PermissionPicker catalogue={catalogue.data ?? []} disabled={builtIn || !canWrite} />
        </Form.Item>
        {save.isError && !allOnPaths(save.error, ROLE_FIELDS) && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

function RolesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canWrite = allowed(P.ROLE_WRITE, usePermissions());
  const roles = useQuery({ queryKey: ['roles'], queryFn: adminApi.roles });
  const [editing, setEditing] = useState<{ role: Role | null } | null>(null);
  const remove = useMutation({
    mutationFn: (r: Role) => adminApi.deleteRole(r.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['roles'] });
      void client.invalidateQueries({ queryKey: ['role-exclusions'] });
    },
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  return (
    <>
      {canWrite && (
        <div style={{ marginBottom: 12, textAlign: 'right' }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ role: null })}
            data-testid="role-create"
          >
            {t('admin.roles.create')}
          </Button>
        </div>
      )}
      {roles.isError && <ErrorAlert error={roles.error} style={{ marginBottom: 12 }} />}
      <Table<Role>
        rowKey="id"
        size="middle"
        loading={roles.isPending}
        dataSource={roles.data ?? []}
        pagination={false}
        data-testid="role-table"
        columns={[
          {
            title: t('admin.roles.name'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <Space size={6}>
                <span className="ts-mono">{v}</span>
                {r.builtIn && <Tag>{t('admin.roles.builtIn')}</Tag>}
              </Space>
            ),
          },
          { title: t('admin.roles.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('admin.roles.requiresTotp'),
            dataIndex: 'requiresTotp',
            width: 110,
            render: (v: boolean) =>
              v ? (
                <Tag icon={<LockOutlined />} color="purple">
                  {t('app.yes')}
                </Tag>
              ) : (
                t('app.no')
              ),
          },
          {
            title: t('admin.roles.permissions'),
            dataIndex: 'permissions',
            width: 110,
            render: (p: string[]) => t('admin.roles.permissionCount', { count: p.length }),
          },
          {
            key: 'actions',
            width: 110,
            render: (_, r) => (
              <Space size={0}>
                <Tooltip title={canWrite ? t('admin.roles.editShort') : t('admin.roles.view')}>
                  <Button
                    type="text"
                    size="small"
                    icon={canWrite ? <EditOutlined /> : <EyeOutlined />}
                    onClick={() => setEditing({ role: r })}
                    data-testid={`role-edit-${r.name}`}
                  />
                </Tooltip>
                {canWrite && !r.builtIn && (
                  <DeleteButton
                    confirm={t('admin.roles.deleteConfirm', { name: r.name })}
                    onConfirm={() => remove.mutateAsync(r)}
                    testId={`role-delete-${r.name}`}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      <RoleModal role={editing?.role ?? null} open={!!editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface NewExclusion {
  roleAId: string;
  roleBId: string;
  reason?: string;
}

function ExclusionsTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canWrite = allowed(P.ROLE_WRITE, usePermissions());
  const [form] = Form.useForm<NewExclusion>();
  const exclusions = useQuery({ queryKey: ['role-exclusions'], queryFn: adminApi.exclusions });
  const roles = useQuery({ queryKey: ['roles'], queryFn: adminApi.roles, enabled: canWrite });
  const add = useMutation({
    mutationFn: (v: NewExclusion) =>
      adminApi.createExclusion({ ...v, reason: v.reason?.trim() || undefined }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['role-exclusions'] });
      form.resetFields();
    },
    onError: (e) => form.setFields(pathFieldErrors(e, t, i18n, under('roleAId', 'roleBId', 'reason'))),
  });
  const remove = useMutation({
    mutationFn: (x: RoleExclusion) => adminApi.deleteExclusion(x.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['role-exclusions'] }),
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('admin.roles.exclusionsHint')} />
      {exclusions.isError && <ErrorAlert error={exclusions.error} style={{ marginBottom: 12 }} />}
      <Table<RoleExclusion>
        rowKey="id"
        size="middle"
        loading={exclusions.isPending}
        dataSource={exclusions.data ?? []}
        pagination={false}
        data-testid="exclusion-table"
        columns={[
          {
            title: t('admin.roles.roleA'),
            render: (_, x) => <Tag color="blue">{x.roleA.name}</Tag>,
            width: 180,
          },
          {
            title: t('admin.roles.roleB'),
            render: (_, x) => <Tag color="blue">{x.roleB.name}</Tag>,
            width: 180,
          },
          { title: t('admin.roles.reason'), dataIndex: 'reason' },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  width: 60,
                  render: (_: unknown, x: RoleExclusion) => (
                    <DeleteButton
                      confirm={t('admin.roles.exclusionDeleteConfirm', { a: x.roleA.name, b: x.roleB.name })}
                      onConfirm={() => remove.mutateAsync(x)}
                    />
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
          data-testid="exclusion-form"
        >
          <Space align="start" wrap>
            <Form.Item
              name="roleAId"
              label={t('admin.roles.roleA')}
              rules={[{ required: true, message: t('app.form.required') }]}
            >
              <Select
                style={{ width: 180 }}
                options={roleOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item
              name="roleBId"
              label={t('admin.roles.roleB')}
              dependencies={['roleAId']}
              rules={[
                { required: true, message: t('app.form.required') },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v && v === getFieldValue('roleAId')
                      ? Promise.reject(new Error(t('errors.role.exclusion-invalid')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Select
                style={{ width: 180 }}
                options={roleOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('admin.roles.reason')}>
              <Input style={{ width: 280 }} />
            </Form.Item>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="exclusion-add">
                {t('admin.roles.addExclusion')}
              </Button>
            </Form.Item>
          </Space>
          {add.isError && !allOnPaths(add.error, under('roleAId', 'roleBId', 'reason')) && (
            <ErrorAlert error={add.error} />
          )}
        </Form>
      )}
    </>
  );
}

/** 角色与权限: roles with their permissions, and mutually exclusive role pairs (互斥角色). */
export default function RolesPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('admin.roles.menu')}>
      <Tabs
        items={[
          { key: 'roles', label: t('admin.roles.tabRoles'), children: <RolesTab /> },
          { key: 'exclusions', label: t('admin.roles.tabExclusions'), children: <ExclusionsTab /> },
        ]}
      />
    </Card>
  );
}
