import { Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ModelChange, PreviewChange } from './api';
import { describeChange, groupChanges } from './diff';

/** The classified changes of a preview: destructive ones marked red with their reason. */
export function PreviewChanges({ changes }: { changes: PreviewChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <Empty description={t('cmdb.models.preview.nothing')} />;
  return (
    <Table<PreviewChange>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={changes}
      onRow={(c) => ({ style: c.destructive ? { background: '#fff1f0' } : undefined })}
      columns={[
        {
          title: t('cmdb.models.preview.action'),
          dataIndex: 'kind',
          width: 90,
          render: (k: string) => t(`cmdb.models.preview.actions.${k}`),
        },
        { title: t('cmdb.models.preview.change'), render: (_, c) => describeChange(c, t) },
        {
          title: t('cmdb.models.preview.destructive'),
          width: 220,
          render: (_, c) =>
            c.destructive ? (
              <Tag color="red" data-testid="destructive-change">
                {t(`cmdb.models.preview.reasons.${c.reason ?? 'attribute-removed'}`)}
              </Tag>
            ) : null,
        },
      ]}
    />
  );
}

/** A version diff grouped by model fields, attribute, identification rules and relations. */
export function DiffView({ changes }: { changes: ModelChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <Empty description={t('cmdb.models.versions.noChanges')} />;
  return (
    <div data-testid="model-diff">
      {groupChanges(changes).map((g) => (
        <div key={g.key} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            {g.kind === 'attribute'
              ? `${t('cmdb.models.attr.code')} ${g.title}`
              : g.kind === 'identification'
                ? t('cmdb.models.diff.identification')
                : g.kind === 'relation'
                  ? t('cmdb.models.diff.relations')
                  : t('cmdb.models.diff.modelFields')}
          </Typography.Text>
          <ul style={{ margin: '4px 0 0 0' }}>
            {g.changes.map((c) => (
              <li key={c.path}>
                <Tag color={c.kind === 'ADDED' ? 'green' : c.kind === 'REMOVED' ? 'red' : 'blue'}>
                  {t(`cmdb.models.preview.actions.${c.kind}`)}
                </Tag>
                {describeChange(c, t)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
