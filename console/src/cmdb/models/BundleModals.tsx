import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/feedback';
import { modelsApi, type BundlePreview, type CiModel } from './api';
import { describeChange } from './diff';
import { canApply, previewRows, previewSummary, type PreviewRow } from './preview';

/** 导出模型包: choose models (none = all) and download the bundle file. */
export function ExportModal({
  open,
  models,
  onClose,
}: {
  open: boolean;
  models: CiModel[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Modal
      open={open}
      title={t('cmdb.models.bundle.exportTitle')}
      onCancel={onClose}
      footer={
        <Button
          type="primary"
          href={modelsApi.exportUrl(chosen)}
          onClick={onClose}
          data-testid="bundle-download"
        >
          {t('cmdb.models.bundle.download')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cmdb.models.bundle.exportHint')} />
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        placeholder={t('cmdb.models.bundle.chooseModels')}
        value={chosen}
        onChange={setChosen}
        optionFilterProp="label"
        options={models.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
        data-testid="bundle-models"
      />
    </Modal>
  );
}

/** The preview table: destructive rows first, highlighted, with their reason. */
export function BundlePreviewTable({ preview }: { preview: BundlePreview }) {
  const { t } = useTranslation();
  return (
    <Table<PreviewRow>
      size="small"
      rowKey="key"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      dataSource={previewRows(preview)}
      onRow={(r) => ({ style: r.destructive ? { background: '#fff1f0' } : undefined })}
      data-testid="bundle-preview"
      columns={[
        {
          title: t('cmdb.models.preview.scope'),
          width: 100,
          render: (_, r) => t(`cmdb.models.preview.scopes.${r.scope}`),
        },
        { title: t('cmdb.models.fields.code'), dataIndex: 'code', width: 160 },
        {
          title: t('cmdb.models.preview.action'),
          width: 80,
          render: (_, r) => (
            <Tag color={r.action === 'ADDED' ? 'green' : r.action === 'CHANGED' ? 'blue' : undefined}>
              {t(`cmdb.models.preview.actions.${r.action}`)}
            </Tag>
          ),
        },
        {
          title: t('cmdb.models.preview.change'),
          render: (_, r) => (r.change ? describeChange(r.change, t) : r.text),
        },
        {
          title: t('cmdb.models.preview.destructive'),
          width: 200,
          render: (_, r) =>
            r.destructive ? (
              <Tag color="red">{t(`cmdb.models.preview.reasons.${r.reason ?? 'acyclic-added'}`)}</Tag>
            ) : null,
        },
      ]}
    />
  );
}

/** 导入模型包: choose a file, see the preview, allow destructive changes if needed, apply. */
export function ImportModal({
  open,
  canWrite,
  onClose,
}: {
  open: boolean;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [allow, setAllow] = useState(false);
  const preview = useMutation({ mutationFn: (f: File) => modelsApi.previewBundle(f) });
  const apply = useMutation({
    mutationFn: () => modelsApi.importBundle(file!, allow),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['cmdb'] });
      message.success(t('cmdb.models.bundle.imported', { count: Object.keys(r.versions).length }));
      close();
    },
  });
  const close = () => {
    setFile(null);
    setAllow(false);
    preview.reset();
    apply.reset();
    onClose();
  };
  const data = preview.data;
  const summary = data ? previewSummary(data) : null;
  return (
    <Modal
      open={open}
      width={1000}
      title={t('cmdb.models.bundle.importTitle')}
      onCancel={close}
      okText={t('cmdb.models.bundle.apply')}
      cancelText={t('app.actions.cancel')}
      okButtonProps={{ disabled: !canWrite || !canApply(data, allow), danger: !!data?.destructive }}
      confirmLoading={apply.isPending}
      onOk={() => apply.mutate()}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".json,application/json"
          maxCount={1}
          showUploadList={file ? { showRemoveIcon: false } : false}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          beforeUpload={(f) => {
            setFile(f);
            setAllow(false);
            apply.reset();
            preview.mutate(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="bundle-file">
            {t('cmdb.models.bundle.chooseFile')}
          </Button>
        </Upload>
        {preview.error && <ErrorAlert error={preview.error} />}
        {apply.error && <ErrorAlert error={apply.error} />}
        {data && summary && (
          <>
            <Alert type="info" showIcon title={t('cmdb.models.preview.summary', { ...summary })} />
            {data.destructive && (
              <Alert
                type="warning"
                showIcon
                title={t('cmdb.models.preview.destructiveWarning', { count: summary.destructive })}
              />
            )}
            <BundlePreviewTable preview={data} />
            {data.destructive && (
              <Checkbox
                checked={allow}
                onChange={(e) => setAllow(e.target.checked)}
                data-testid="allow-destructive"
              >
                {t('cmdb.models.preview.allowDestructive')}
              </Checkbox>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
