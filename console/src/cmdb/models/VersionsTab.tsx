import { HistoryOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/feedback';
import { modelsApi, type CiModel, type ModelVersion } from './api';
import { DiffView, PreviewChanges } from './ChangeList';

function RestoreModal({
  model,
  version,
  onClose,
}: {
  model: CiModel;
  version: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [allow, setAllow] = useState(false);
  const preview = useQuery({
    queryKey: ['cmdb', 'models', model.code, 'restore-preview', version, model.version],
    queryFn: () => modelsApi.restorePreview(model.code, version!),
    enabled: version !== null,
  });
  const restore = useMutation({
    mutationFn: () => modelsApi.restore(model.code, version!, allow),
    onSuccess: (m) => {
      void client.invalidateQueries({ queryKey: ['cmdb', 'models'] });
      message.success(t('cmdb.models.versions.restored', { version: m.version }));
      onClose();
    },
  });
  useEffect(() => setAllow(false), [version]);
  const destructive = !!preview.data?.destructive;
  return (
    <Modal
      open={version !== null}
      width={820}
      title={t('cmdb.models.versions.restoreTitle', { version })}
      okText={t('cmdb.models.versions.restore')}
      cancelText={t('app.actions.cancel')}
      okButtonProps={{
        danger: destructive,
        disabled: !preview.data || preview.data.action === 'UNCHANGED' || (destructive && !allow),
      }}
      confirmLoading={restore.isPending}
      onOk={() => restore.mutate()}
      onCancel={() => {
        restore.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('cmdb.models.versions.restoreHint', { version })}
      />
      {preview.error && <ErrorAlert error={preview.error} />}
      {restore.error && <ErrorAlert error={restore.error} style={{ marginBottom: 12 }} />}
      {preview.data && (
        <>
          <Alert
            type={preview.data.cis.flagged > 0 ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t('cmdb.models.preview.cis', { ...preview.data.cis })}
          />
          <PreviewChanges changes={preview.data.changes} />
          {destructive && (
            <Checkbox checked={allow} onChange={(e) => setAllow(e.target.checked)} style={{ marginTop: 12 }}>
              {t('cmdb.models.preview.allowDestructive')}
            </Checkbox>
          )}
        </>
      )}
    </Modal>
  );
}

/** 版本历史: every version, a readable diff between any two, and restore. */
export default function VersionsTab({ model, canWrite }: { model: CiModel; canWrite: boolean }) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: ['cmdb', 'models', model.code, 'versions', model.version],
    queryFn: () => modelsApi.versions(model.code),
  });
  const [from, setFrom] = useState<number>(Math.max(1, model.version - 1));
  const [to, setTo] = useState<number>(model.version);
  const [restoring, setRestoring] = useState<number | null>(null);
  useEffect(() => {
    setFrom(Math.max(1, model.version - 1));
    setTo(model.version);
  }, [model.version]);
  const diff = useQuery({
    queryKey: ['cmdb', 'models', model.code, 'diff', from, to],
    queryFn: () => modelsApi.diff(model.code, from, to),
    enabled: from !== to,
  });
  const options = (versions.data ?? []).map((v) => ({ value: v.version, label: `v${v.version}` }));
  return (
    <>
      {versions.error && <ErrorAlert error={versions.error} />}
      <Table<ModelVersion>
        size="small"
        rowKey="version"
        loading={versions.isLoading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={versions.data}
        columns={[
          {
            title: t('cmdb.models.versions.version'),
            width: 110,
            render: (_, v) => (
              <Space>
                v{v.version}
                {v.version === model.version && <Tag color="green">{t('cmdb.models.versions.current')}</Tag>}
              </Space>
            ),
          },
          { title: t('cmdb.models.versions.summary'), dataIndex: 'summary' },
          { title: t('cmdb.models.versions.actor'), dataIndex: 'actor', width: 140 },
          {
            title: t('cmdb.models.versions.createdAt'),
            width: 160,
            render: (_, v) => dayjs(v.createdAt).format('YYYY-MM-DD HH:mm:ss'),
          },
          {
            width: 60,
            render: (_, v) =>
              canWrite &&
              v.version !== model.version && (
                <Button
                  type="text"
                  size="small"
                  icon={<HistoryOutlined />}
                  aria-label={t('cmdb.models.versions.restore')}
                  title={t('cmdb.models.versions.restore')}
                  onClick={() => setRestoring(v.version)}
                  data-testid={`restore-${v.version}`}
                />
              ),
          },
        ]}
      />
      <Space style={{ margin: '16px 0 8px' }}>
        <strong>{t('cmdb.models.versions.compare')}</strong>
        {t('cmdb.models.versions.from')}
        <Select
          style={{ width: 100 }}
          value={from}
          options={options}
          onChange={setFrom}
          data-testid="diff-from"
        />
        {t('cmdb.models.versions.to')}
        <Select style={{ width: 100 }} value={to} options={options} onChange={setTo} data-testid="diff-to" />
      </Space>
      {diff.error && <ErrorAlert error={diff.error} />}
      {from === to ? <DiffView changes={[]} /> : diff.data && <DiffView changes={diff.data.changes} />}
      <RestoreModal model={model} version={restoring} onClose={() => setRestoring(null)} />
    </>
  );
}
