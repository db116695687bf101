import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { C } from '../permissions';
import { type Ci, type CiModel, type CiNonconformity, type Relation, type RelationType, cisApi } from './api';
import { StateTag, modelLabel, valueText } from './labels';
import { BusinessViewPicture, ImpactPicture } from './TopologyPicture';

/** The attributes of a model by attribute group (属性分组), ungrouped ones first. */
export function attributeGroups(model: CiModel | undefined): { group: string | null; codes: string[] }[] {
  const groups = new Map<string | null, string[]>();
  for (const a of model?.attributes ?? []) {
    const key = a.group || null;
    groups.set(key, [...(groups.get(key) ?? []), a.code]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : 0))
    .map(([group, codes]) => ({ group, codes }));
}

function Attributes({ ci, model }: { ci: Ci; model: CiModel | undefined }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {attributeGroups(model).map(({ group, codes }) => (
        <Descriptions
          key={group ?? ''}
          title={group ?? t('cmdb.cis.basic')}
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={codes.map((code) => ({
            key: code,
            label: model?.attributes.find((a) => a.code === code)?.name ?? code,
            children: valueText(ci.attributes[code]),
          }))}
        />
      ))}
    </Space>
  );
}

/** The flags a model change left on the CI (不合规): shown until an edit brings it back in line. */
function Nonconformities({ id, model }: { id: string; model: CiModel | undefined }) {
  const { t } = useTranslation();
  const flags = useQuery({
    queryKey: ['cmdb', 'nonconformities', id],
    queryFn: () => cisApi.nonconformities(id),
  });
  if (flags.error) return <ErrorAlert error={flags.error} />;
  const list = flags.data ?? [];
  if (list.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="cmdb-ci-nonconformities"
      title={t('cmdb.cis.nonconforming.title', { count: list.length })}
      description={
        <Table<CiNonconformity>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={list}
          columns={[
            {
              title: t('cmdb.cis.nonconforming.attribute'),
              dataIndex: 'attribute',
              render: (v: string) => {
                const name = model?.attributes.find((a) => a.code === v)?.name;
                return name ? `${name} (${v})` : v;
              },
            },
            { title: t('cmdb.cis.nonconforming.code'), dataIndex: 'code' },
            { title: t('cmdb.cis.nonconforming.message'), dataIndex: 'message' },
            {
              title: t('cmdb.cis.nonconforming.modelVersion'),
              dataIndex: 'modelVersion',
              render: (v: number) => `v${v}`,
            },
            {
              title: t('cmdb.cis.nonconforming.flaggedAt'),
              dataIndex: 'flaggedAt',
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      }
    />
  );
}

/** 核实: records that the CI's data was checked and is still right, without changing it. */
function VerifyButton({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const verify = useMutation({
    mutationFn: () => cisApi.verify(id),
    onSuccess: (v) => {
      void message.success(
        t('cmdb.cis.verify.done', { at: dayjs(v.verifiedAt).format('YYYY-MM-DD HH:mm'), by: v.verifiedBy }),
      );
      void client.invalidateQueries({ queryKey: ['cmdb-quality'] });
      void client.invalidateQueries({ queryKey: ['cmdb-quality-issues'] });
    },
    onError: (e) => void message.error(errorMessage(e, t, i18n)),
  });
  return (
    <Tooltip title={t('cmdb.cis.verify.hint')}>
      <Button
        size="small"
        icon={<CheckCircleOutlined />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
        data-testid="cmdb-ci-verify"
      >
        {t('cmdb.cis.verify.action')}
      </Button>
    </Tooltip>
  );
}

function Relations({ ci, types }: { ci: Ci; types: RelationType[] | undefined }) {
  const { t } = useTranslation();
  const relations = useQuery({
    queryKey: ['cmdb', 'relations', ci.id],
    queryFn: () => cisApi.relations(ci.id),
  });
  const others = [...new Set((relations.data ?? []).map((r) => (r.source === ci.id ? r.target : r.source)))];
  const named = useQuery({
    queryKey: ['cmdb', 'names', others],
    queryFn: () => cisApi.search(`id in (${others.join(', ')})`, undefined, undefined, 500),
    enabled: others.length > 0 && others.length <= 500,
  });
  const names = new Map((named.data?.items ?? []).map((c) => [c.id, c]));
  if (relations.error) return <ErrorAlert error={relations.error} />;
  return (
    <Table<Relation>
      rowKey="id"
      size="small"
      loading={relations.isLoading}
      dataSource={relations.data ?? []}
      pagination={false}
      columns={[
        {
          title: t('cmdb.cis.relation'),
          key: 'label',
          render: (_, r) => {
            const type = types?.find((x) => x.code === r.type);
            const outgoing = r.source === ci.id;
            return (
              <Space>
                <Tag color={outgoing ? 'blue' : 'purple'}>{outgoing ? '→' : '←'}</Tag>
                {(outgoing ? type?.forwardLabel : type?.reverseLabel) ?? r.type}
                <Typography.Text type="secondary">{r.type}</Typography.Text>
              </Space>
            );
          },
        },
        {
          title: t('cmdb.cis.otherEnd'),
          key: 'other',
          render: (_, r) => {
            const other = r.source === ci.id ? r.target : r.source;
            const found = names.get(other);
            return <Link to={`/cmdb/cis/${other}`}>{found ? `${found.name} (${found.model})` : other}</Link>;
          },
        },
        {
          title: t('cmdb.cis.since'),
          dataIndex: 'createdAt',
          render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
        },
      ]}
    />
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: ['cmdb', 'history', id], queryFn: () => cisApi.history(id) });
  if (history.error) return <ErrorAlert error={history.error} />;
  if (history.isLoading) return <Spin />;
  const entries = [...(history.data ?? [])].reverse();
  if (entries.length === 0) return <Empty />;
  return (
    <Timeline
      items={entries.map((e) => ({
        key: e.version,
        children: (
          <div data-testid="cmdb-history-entry">
            <Space wrap>
              <Tag>v{e.version}</Tag>
              <strong>{t(`cmdb.cis.changes.${e.change}`)}</strong>
              <span>{dayjs(e.changedAt).format('YYYY-MM-DD HH:mm:ss')}</span>
              <span>{e.actor}</span>
              <Tag>{e.source}</Tag>
            </Space>
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              style={{ marginTop: 6 }}
              dataSource={Object.entries(e.diff).map(([field, change]) => ({ field, ...change }))}
              columns={[
                { title: t('cmdb.cis.field'), dataIndex: 'field' },
                {
                  title: t('cmdb.cis.from'),
                  dataIndex: 'from',
                  render: (v: unknown) => (
                    <Typography.Text delete={v != null}>{valueText(v)}</Typography.Text>
                  ),
                },
                { title: t('cmdb.cis.to'), dataIndex: 'to', render: (v: unknown) => valueText(v) },
              ]}
            />
          </div>
        ),
      }))}
    />
  );
}

/** A CI: attributes by group, relations both ways, history with diffs, topology. */
export default function CiDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const canWrite = allowed(C.CI_WRITE, permissions);
  const ci = useQuery({ queryKey: ['cmdb', 'ci', id], queryFn: () => cisApi.get(id) });
  const models = useQuery({ queryKey: ['cmdb', 'models'], queryFn: cisApi.models });
  const types = useQuery({
    queryKey: ['cmdb', 'relation-types'],
    queryFn: cisApi.relationTypes,
    retry: false,
  });
  if (ci.error) return <ErrorAlert error={ci.error} />;
  if (!ci.data) return <Spin />;
  const model = models.data?.find((m) => m.code === ci.data.model);
  const items = [
    {
      key: 'attributes',
      label: t('cmdb.cis.tabs.attributes'),
      children: <Attributes ci={ci.data} model={model} />,
    },
    {
      key: 'relations',
      label: t('cmdb.cis.tabs.relations'),
      children: <Relations ci={ci.data} types={types.data} />,
    },
    { key: 'history', label: t('cmdb.cis.tabs.history'), children: <History id={id} /> },
    {
      key: 'impact',
      label: t('cmdb.cis.tabs.impact'),
      children: <ImpactPicture id={id} models={models.data} />,
    },
  ];
  if (ci.data.model === 'business_system') {
    items.push({
      key: 'business',
      label: t('cmdb.cis.tabs.businessView'),
      children: <BusinessViewPicture id={id} models={models.data} />,
    });
  }
  return (
    <Card
      data-testid="cmdb-ci-detail"
      title={
        <Space>
          <Link to="/cmdb/cis">{t('cmdb.cis.title')}</Link>/<span>{ci.data.name}</span>
          <Tag>{modelLabel(models.data, ci.data.model, i18n.language)}</Tag>
          <StateTag state={ci.data.state} />
        </Space>
      }
      extra={
        <Space>
          {canWrite && ci.data.state !== 'RETIRED' && <VerifyButton id={id} />}
          <Typography.Text type="secondary">v{ci.data.version}</Typography.Text>
        </Space>
      }
    >
      <Nonconformities id={id} model={model} />
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
