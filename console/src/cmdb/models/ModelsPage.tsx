import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { C } from '../permissions';
import { modelsApi, type CiModel, type ModelGroup } from './api';
import { ExportModal, ImportModal } from './BundleModals';
import { modelLinks } from './routes';

/** The models of each group, groups in their order; a group without (matching) models is left out. */
export function byGroup(
  groups: ModelGroup[],
  models: CiModel[],
  filter: string,
): { group: ModelGroup; models: CiModel[] }[] {
  const q = filter.trim().toLowerCase();
  const match = (m: CiModel) =>
    !q ||
    m.code.toLowerCase().includes(q) ||
    m.name.toLowerCase().includes(q) ||
    (m.nameEn ?? '').toLowerCase().includes(q);
  const known = new Set(groups.map((g) => g.code));
  const all = [...groups].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  // models of a group this console does not know yet still show, under their code
  for (const m of models) {
    if (!known.has(m.group)) {
      known.add(m.group);
      all.push({ code: m.group, name: m.group, nameEn: m.group, sortOrder: 10_000 });
    }
  }
  return all
    .map((group) => ({ group, models: models.filter((m) => m.group === group.code && match(m)) }))
    .filter((g) => g.models.length > 0);
}

/** 模型管理: the models by model group, with bundle export and import. */
export default function ModelsPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const canWrite = allowed(C.MODEL_WRITE, permissions);
  const groups = useQuery({ queryKey: ['cmdb', 'model-groups'], queryFn: modelsApi.groups });
  const models = useQuery({ queryKey: ['cmdb', 'models'], queryFn: modelsApi.list });
  const [filter, setFilter] = useState('');
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [collapsed, setCollapsed] = useState<string[]>([]);
  const sections = useMemo(
    () => byGroup(groups.data ?? [], models.data ?? [], filter),
    [groups.data, models.data, filter],
  );
  const english = i18n.language.startsWith('en');
  return (
    <Card
      title={t('cmdb.models.title')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('cmdb.models.search')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: 240 }}
            data-testid="model-search"
          />
          <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="bundle-export">
            {t('cmdb.models.export')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="bundle-import">
            {t('cmdb.models.import')}
          </Button>
        </Space>
      }
    >
      {(groups.error || models.error) && <ErrorAlert error={groups.error ?? models.error} />}
      <Collapse
        activeKey={sections.map((s) => s.group.code).filter((k) => !collapsed.includes(k))}
        onChange={(open) => {
          const keys = Array.isArray(open) ? open : [open];
          setCollapsed(sections.map((s) => s.group.code).filter((k) => !keys.includes(k)));
        }}
        items={sections.map(({ group, models: list }) => ({
          key: group.code,
          label: (
            <Space>
              <Typography.Text strong>{english ? group.nameEn : group.name}</Typography.Text>
              <Tag>{list.length}</Tag>
            </Space>
          ),
          children: (
            <Table<CiModel>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={list}
              columns={[
                {
                  title: t('cmdb.models.fields.name'),
                  render: (_, m) => (
                    <Link to={modelLinks.model(m.code)}>{english && m.nameEn ? m.nameEn : m.name}</Link>
                  ),
                },
                { title: t('cmdb.models.fields.code'), dataIndex: 'code' },
                {
                  title: t('cmdb.models.tabs.attributes'),
                  render: (_, m) => t('cmdb.models.attributeCount', { count: m.attributes.length }),
                },
                { title: t('cmdb.models.fields.version'), render: (_, m) => `v${m.version}` },
                { render: (_, m) => m.builtIn && <Tag color="blue">{t('cmdb.models.builtIn')}</Tag> },
                {
                  title: t('cmdb.models.fields.updatedAt'),
                  render: (_, m) => dayjs(m.updatedAt).format('YYYY-MM-DD HH:mm'),
                },
              ]}
            />
          ),
        }))}
      />
      <ExportModal open={exporting} models={models.data ?? []} onClose={() => setExporting(false)} />
      <ImportModal open={importing} canWrite={canWrite} onClose={() => setImporting(false)} />
    </Card>
  );
}
