import { ApartmentOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type Department, type Team } from '../../../api/admin';
import { errorMessage } from '../../../api/errors';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import { allOnPaths, pathFieldErrors, under } from '../fieldErrors';
import { departmentPath, departmentTree, subtreeIds, type DepartmentNode } from './tree';
import { ErrorAlert, DeleteButton } from '../../../app/feedback';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

const treeOptions = (nodes: DepartmentNode[], excluded: Set<string>): TreeOption[] =>
  nodes.map((n) => ({
    value: n.key,
    title: n.title,
    disabled: excluded.has(n.key),
    children: treeOptions(n.children, excluded),
  }));

const DEPARTMENT_FIELDS = under('name', 'parentId', 'description');
const TEAM_FIELDS = under('name', 'departmentId', 'description');

interface DepartmentForm {
  name: string;
  parentId?: string | null;
  description?: string;
}

function DepartmentModal({
  editing,
  departments,
  onClose,
}: {
  editing: { department?: Department; parentId?: string | null } | null;
  departments: Department[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<DepartmentForm>();
  const department = editing?.department;
  const excluded = useMemo(
    () => (department ? subtreeIds(departments, department.id) : new Set<string>()),
    [departments, department],
  );
  const save = useMutation({
    mutationFn: (v: DepartmentForm) => {
      const body = {
        name: v.name.trim(),
        parentId: v.parentId ?? null,
        description: v.description?.trim() || null,
      };
      return department ? adminApi.updateDepartment(department.id, body) : adminApi.createDepartment(body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['departments'] });
      onClose();
    },
    onError: (e) => form.setFields(pathFieldErrors(e, t, i18n, DEPARTMENT_FIELDS)),
  });
  return (
    <Modal
      open={!!editing}
      title={department ? t('admin.org.editDepartment') : t('admin.org.createDepartment')}
      okText={t('app.actions.save')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: department?.name,
          parentId: department ? department.parentId : (editing?.parentId ?? null),
          description: department?.description ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
        data-testid="department-form"
      >
        <Form.Item
          name="name"
          label={t('admin.org.name')}
          rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
        >
          <Input maxLength={128} data-testid="department-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.org.parent')}>
          <TreeSelect
            allowClear
            placeholder={t('admin.org.topLevel')}
            treeDefaultExpandAll
            treeData={treeOptions(departmentTree(departments), excluded)}
          />
        </Form.Item>
        <Form.Item name="description" label={t('admin.org.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        {save.isError && !allOnPaths(save.error, DEPARTMENT_FIELDS) && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

interface TeamForm {
  name: string;
  departmentId?: string;
  description?: string;
}

function TeamModal({
  editing,
  departments,
  onClose,
}: {
  editing: { team?: Team; departmentId?: string | null } | null;
  departments: Department[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<TeamForm>();
  const team = editing?.team;
  const save = useMutation({
    mutationFn: (v: TeamForm) => {
      const body = {
        name: v.name.trim(),
        departmentId: v.departmentId ?? null,
        description: v.description?.trim() || null,
      };
      return team ? adminApi.updateTeam(team.id, body) : adminApi.createTeam(body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['teams'] });
      onClose();
    },
    onError: (e) => form.setFields(pathFieldErrors(e, t, i18n, TEAM_FIELDS)),
  });
  return (
    <Modal
      open={!!editing}
      title={team ? t('admin.org.editTeam') : t('admin.org.createTeam')}
      okText={t('app.actions.save')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: team?.name,
          departmentId: team?.departmentId ?? editing?.departmentId ?? undefined,
          description: team?.description ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
        data-testid="team-form"
      >
        <Form.Item
          name="name"
          label={t('admin.org.name')}
          rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
        >
          <Input maxLength={128} data-testid="team-name" />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('admin.org.department')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <TreeSelect
            treeDefaultExpandAll
            treeData={treeOptions(departmentTree(departments), new Set())}
            data-testid="team-department"
          />
        </Form.Item>
        <Form.Item name="description" label={t('admin.org.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        {save.isError && !allOnPaths(save.error, TEAM_FIELDS) && <ErrorAlert error={save.error} />}
      </Form>
    </Modal>
  );
}

/** Members picker: the current members plus users found by a search (needs platform.user.read). */
function MembersModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canSearch = allowed(P.USER_READ, usePermissions());
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[] | null>(null);
  const users = useQuery({
    queryKey: ['users', 'picker', search],
    queryFn: () => adminApi.users({ query: search || undefined, limit: 50 }),
    enabled: !!team && canSearch,
  });
  const value = selected ?? team?.members.map((m) => m.userId) ?? [];
  const options = useMemo(() => {
    const out = new Map<string, string>();
    for (const m of team?.members ?? []) out.set(m.userId, `${m.displayName} (${m.username})`);
    for (const u of users.data?.items ?? []) out.set(u.id, `${u.displayName} (${u.username})`);
    return [...out.entries()].map(([v, label]) => ({ value: v, label }));
  }, [team, users.data]);
  const save = useMutation({
    mutationFn: () => adminApi.setTeamMembers(team!.id, value),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['teams'] });
      close();
    },
  });
  const close = () => {
    save.reset();
    setSelected(null);
    setSearch('');
    onClose();
  };
  return (
    <Modal
      open={!!team}
      title={t('admin.org.membersOf', { team: team?.name ?? '' })}
      okText={t('app.actions.save')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={close}
      destroyOnHidden
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={value}
        onChange={setSelected}
        options={options}
        placeholder={t('admin.org.membersPlaceholder')}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        notFoundContent={users.isFetching ? <Spin size="small" /> : undefined}
        data-testid="team-members"
      />
      {!canSearch && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('admin.org.membersNoSearch')}
        </Typography.Paragraph>
      )}
      {save.isError && <ErrorAlert error={save.error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** 组织: the department tree (部门) and the teams (团队) with their members. */
export default function OrgPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canWrite = allowed(P.ORG_WRITE, usePermissions());
  const departments = useQuery({ queryKey: ['departments'], queryFn: adminApi.departments });
  const teams = useQuery({ queryKey: ['teams'], queryFn: adminApi.teams });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingDepartment, setEditingDepartment] = useState<{
    department?: Department;
    parentId?: string | null;
  } | null>(null);
  const [editingTeam, setEditingTeam] = useState<{ team?: Team; departmentId?: string | null } | null>(null);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const list = useMemo(() => departments.data ?? [], [departments.data]);
  const tree = useMemo(() => departmentTree(list), [list]);
  const selected = list.find((d) => d.id === selectedId);
  const shownTeams = useMemo(() => {
    if (!selected) return teams.data ?? [];
    const ids = subtreeIds(list, selected.id);
    return (teams.data ?? []).filter((tm) => tm.departmentId && ids.has(tm.departmentId));
  }, [teams.data, list, selected]);
  const onError = (e: unknown) => message.error(errorMessage(e, t, i18n));
  const removeDepartment = useMutation({
    mutationFn: (d: Department) => adminApi.deleteDepartment(d.id),
    onSuccess: () => {
      setSelectedId(null);
      void client.invalidateQueries({ queryKey: ['departments'] });
    },
    onError,
  });
  const removeTeam = useMutation({
    mutationFn: (tm: Team) => adminApi.deleteTeam(tm.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['teams'] }),
    onError,
  });

  return (
    <Row gutter={16}>
      <Col span={9}>
        <Card
          title={
            <Space>
              <ApartmentOutlined />
              {t('admin.org.departments')}
            </Space>
          }
          extra={
            canWrite && (
              <Space size={4}>
                <Tooltip
                  title={
                    selected
                      ? t('admin.org.createChild', { name: selected.name })
                      : t('admin.org.createDepartment')
                  }
                >
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setEditingDepartment({ parentId: selected?.id ?? null })}
                    data-testid="department-create"
                  />
                </Tooltip>
                <Tooltip title={t('admin.org.editDepartment')}>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    disabled={!selected}
                    onClick={() => selected && setEditingDepartment({ department: selected })}
                  />
                </Tooltip>
                <DeleteButton
                  confirm={t('admin.org.deleteDepartmentConfirm', { name: selected?.name ?? '' })}
                  onConfirm={() => selected && removeDepartment.mutateAsync(selected)}
                  disabled={!selected}
                  bordered
                />
              </Space>
            )
          }
        >
          {departments.isError && <ErrorAlert error={departments.error} />}
          {departments.isPending ? (
            <Spin />
          ) : tree.length === 0 ? (
            <Empty description={t('admin.org.noDepartments')} />
          ) : (
            <Tree<DepartmentNode>
              blockNode
              defaultExpandAll
              treeData={tree}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId((keys[0] as string) ?? null)}
              data-testid="department-tree"
            />
          )}
        </Card>
      </Col>
      <Col span={15}>
        <Card
          title={
            <Space>
              <TeamOutlined />
              {t('admin.org.teams')}
              {selected && (
                <Tag closable onClose={() => setSelectedId(null)}>
                  {departmentPath(list, selected.id)}
                </Tag>
              )}
            </Space>
          }
          extra={
            canWrite && (
              <Button
                type="primary"
                size="small"
                icon={<PlusOutlined />}
                disabled={list.length === 0}
                onClick={() => setEditingTeam({ departmentId: selected?.id ?? null })}
                data-testid="team-create"
              >
                {t('admin.org.createTeam')}
              </Button>
            )
          }
        >
          {teams.isError && <ErrorAlert error={teams.error} style={{ marginBottom: 12 }} />}
          <Table<Team>
            rowKey="id"
            size="middle"
            loading={teams.isPending}
            dataSource={shownTeams}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('admin.org.noTeams') }}
            data-testid="team-table"
            columns={[
              { title: t('admin.org.name'), dataIndex: 'name', width: 160 },
              {
                title: t('admin.org.department'),
                dataIndex: 'departmentId',
                width: 200,
                ellipsis: true,
                render: (v: string | null) => departmentPath(list, v),
              },
              {
                title: t('admin.org.members'),
                dataIndex: 'members',
                render: (members: Team['members']) =>
                  members.length === 0 ? (
                    <Typography.Text type="secondary">{t('admin.org.noMembers')}</Typography.Text>
                  ) : (
                    <Space size={[4, 4]} wrap>
                      {members.slice(0, 6).map((m) => (
                        <Tag key={m.userId} title={m.username}>
                          {m.displayName}
                        </Tag>
                      ))}
                      {members.length > 6 && <Tag>+{members.length - 6}</Tag>}
                    </Space>
                  ),
              },
              ...(canWrite
                ? [
                    {
                      key: 'actions',
                      width: 110,
                      render: (_: unknown, tm: Team) => (
                        <Space size={0}>
                          <Tooltip title={t('admin.org.editMembers')}>
                            <Button
                              type="text"
                              size="small"
                              icon={<TeamOutlined />}
                              onClick={() => setMembersOf(tm)}
                              data-testid={`team-members-${tm.name}`}
                            />
                          </Tooltip>
                          <Tooltip title={t('admin.org.editTeam')}>
                            <Button
                              type="text"
                              size="small"
                              icon={<EditOutlined />}
                              onClick={() => setEditingTeam({ team: tm })}
                            />
                          </Tooltip>
                          <DeleteButton
                            confirm={t('admin.org.deleteTeamConfirm', { name: tm.name })}
                            onConfirm={() => removeTeam.mutateAsync(tm)}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      <DepartmentModal
        editing={editingDepartment}
        departments={list}
        onClose={() => setEditingDepartment(null)}
      />
      <TeamModal editing={editingTeam} departments={list} onClose={() => setEditingTeam(null)} />
      <MembersModal team={membersOf} onClose={() => setMembersOf(null)} />
    </Row>
  );
}
