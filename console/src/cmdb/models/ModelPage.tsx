import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { allowed } from '../../app/permissions';
import { DeleteButton, ErrorAlert } from '../../app/feedback';
import { usePermissions } from '../../app/session';
import { C } from '../permissions';
import {
  draftOf,
  modelsApi,
  type AttributeDefinition,
  type CiModel,
  type IdentificationRule,
  type ModelDraft,
  type ModelPreview,
} from './api';
import AttributeModal from './AttributeModal';
import { PreviewChanges } from './ChangeList';
import NonconformingTab from './NonconformingTab';
import RelationsTab from './RelationsTab';
import { modelLinks } from './routes';
import VersionsTab from './VersionsTab';

/** Preview first, then save: the confirmation shows the classified changes and the CIs hit. */
function SaveConfirm({
  preview,
  draft,
  onDone,
}: {
  preview: ModelPreview | null;
  draft: ModelDraft | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => modelsApi.update(preview!.code, draft!),
    onSuccess: (m) => {
      void client.invalidateQueries({ queryKey: ['cmdb', 'models'] });
      message.success(t('cmdb.models.edit.saved', { version: m.version }));
      onDone();
    },
  });
  return (
    <Modal
      open={!!preview}
      width={820}
      title={t('cmdb.models.edit.confirmTitle')}
      okText={t('cmdb.models.edit.apply')}
      cancelText={t('app.actions.cancel')}
      okButtonProps={{ danger: preview?.destructive }}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={() => {
        save.reset();
        onDone();
      }}
      destroyOnHidden
    >
      {preview && (
        <>
          {save.error && <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />}
          <Alert
            type={preview.cis.flagged > 0 || preview.destructive ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t('cmdb.models.preview.cis', { ...preview.cis })}
          />
          <PreviewChanges changes={preview.changes} />
        </>
      )}
    </Modal>
  );
}

function RulesTab({
  model,
  canWrite,
  onSave,
}: {
  model: CiModel;
  canWrite: boolean;
  onSave: (rules: IdentificationRule[]) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<IdentificationRule>();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      {canWrite && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
          {t('cmdb.models.rules.add')}
        </Button>
      )}
      {error != null && <ErrorAlert error={error} style={{ marginBottom: 12 }} />}
      <Table<IdentificationRule>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={model.identificationRules}
        columns={[
          { title: t('cmdb.models.rules.name'), dataIndex: 'name' },
          { title: t('cmdb.models.rules.attributes'), render: (_, r) => r.attributes.join(' + ') },
          {
            width: 60,
            render: (_, r) =>
              canWrite && (
                <DeleteButton
                  confirm={t('cmdb.models.rules.delete', { name: r.name })}
                  onConfirm={() =>
                    onSave(model.identificationRules.filter((x) => x.name !== r.name)).catch(setError)
                  }
                />
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('cmdb.models.rules.add')}
        okText={t('app.actions.save')}
        cancelText={t('app.actions.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setError(null);
            onSave([...model.identificationRules, { name: v.name, attributes: v.attributes }])
              .then(() => setOpen(false))
              .catch((e) => {
                setOpen(false);
                setError(e);
              });
          }}
        >
          <Form.Item
            name="name"
            label={t('cmdb.models.rules.name')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="attributes"
            label={t('cmdb.models.rules.attributes')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Select
              mode="multiple"
              options={model.attributes.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function rulesOf(a: AttributeDefinition, t: (k: string) => string): string {
  const parts: string[] = [];
  if (a.regex) parts.push(`${t('cmdb.models.attr.regex')} ${a.regex}`);
  if (a.min !== null && a.min !== undefined) parts.push(`≥ ${a.min}`);
  if (a.max !== null && a.max !== undefined) parts.push(`≤ ${a.max}`);
  if (a.enumValues.length) parts.push(a.enumValues.join(' | '));
  if (a.referenceModel) parts.push(`→ ${a.referenceModel}`);
  if (a.defaultValue !== null && a.defaultValue !== undefined) {
    parts.push(`${t('cmdb.models.attr.defaultValue')} ${JSON.stringify(a.defaultValue)}`);
  }
  return parts.join('；');
}

/** 模型详情: attributes, identification rules, relation definitions, versions, non-conforming CIs. */
export default function ModelPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const canWrite = allowed(C.MODEL_WRITE, permissions);
  const model = useQuery({ queryKey: ['cmdb', 'models', code], queryFn: () => modelsApi.get(code) });
  const models = useQuery({ queryKey: ['cmdb', 'models'], queryFn: modelsApi.list });
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ attribute: AttributeDefinition | null; index: number } | null>(
    null,
  );
  const [pending, setPending] = useState<{ preview: ModelPreview; draft: ModelDraft } | null>(null);

  /** Previews the draft; unchanged drafts end here, others go to the confirmation. */
  const propose = async (draft: ModelDraft) => {
    const preview = await modelsApi.previewEdit(code, draft);
    if (preview.action === 'UNCHANGED') message.info(t('cmdb.models.edit.unchanged'));
    else setPending({ preview, draft });
  };

  if (model.error) return <ErrorAlert error={model.error} />;
  const m = model.data;
  if (!m) return <Card loading />;
  const attributes = m.attributes;
  return (
    <Card
      title={
        <Space>
          <Link to={modelLinks.list()} aria-label={t('cmdb.models.back')}>
            <ArrowLeftOutlined />
          </Link>
          {m.name}
          <Typography.Text type="secondary">{m.code}</Typography.Text>
          <Tag>{t('cmdb.models.version', { version: m.version })}</Tag>
          {m.builtIn && <Tag color="blue">{t('cmdb.models.builtIn')}</Tag>}
        </Space>
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('cmdb.models.fields.nameEn')}>{m.nameEn}</Descriptions.Item>
        <Descriptions.Item label={t('cmdb.models.fields.group')}>{m.group}</Descriptions.Item>
        <Descriptions.Item label={t('cmdb.models.fields.updatedAt')}>
          {dayjs(m.updatedAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        {m.description && (
          <Descriptions.Item label={t('cmdb.models.fields.description')}>{m.description}</Descriptions.Item>
        )}
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'attributes',
            label: t('cmdb.models.tabs.attributes'),
            children: (
              <>
                {canWrite && (
                  <Button
                    icon={<PlusOutlined />}
                    style={{ marginBottom: 12 }}
                    onClick={() => setEditing({ attribute: null, index: attributes.length })}
                    data-testid="add-attribute"
                  >
                    {t('cmdb.models.attr.add')}
                  </Button>
                )}
                <Table<AttributeDefinition>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={attributes}
                  columns={[
                    { title: t('cmdb.models.attr.code'), dataIndex: 'code' },
                    { title: t('cmdb.models.attr.name'), dataIndex: 'name' },
                    { title: t('cmdb.models.attr.type'), render: (_, a) => t(`cmdb.models.types.${a.type}`) },
                    {
                      title: t('cmdb.models.attr.rules'),
                      render: (_, a) => (
                        <Space size={4} wrap>
                          {a.required && <Tag color="orange">{t('cmdb.models.attr.required')}</Tag>}
                          {a.unique && <Tag color="purple">{t('cmdb.models.attr.unique')}</Tag>}
                          {a.recommended && <Tag color="blue">{t('cmdb.models.attr.recommended')}</Tag>}
                          <Typography.Text type="secondary">{rulesOf(a, t)}</Typography.Text>
                        </Space>
                      ),
                    },
                    { title: t('cmdb.models.attr.group'), dataIndex: 'group' },
                    { title: t('cmdb.models.attr.helpText'), dataIndex: 'helpText', ellipsis: true },
                    {
                      width: 90,
                      render: (_, a, i) =>
                        canWrite && (
                          <Space size={0}>
                            <Button
                              type="text"
                              size="small"
                              icon={<EditOutlined />}
                              aria-label={t('cmdb.models.attr.edit', { code: a.code })}
                              onClick={() => setEditing({ attribute: a, index: i })}
                            />
                            <DeleteButton
                              confirm={t('cmdb.models.attr.delete', { code: a.code })}
                              onConfirm={() =>
                                propose({
                                  ...draftOf(m),
                                  attributes: attributes.filter((x) => x.code !== a.code),
                                }).catch((e: unknown) => message.error(errorMessage(e, t, i18n)))
                              }
                            />
                          </Space>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'identification',
            label: t('cmdb.models.tabs.identification'),
            children: (
              <RulesTab
                model={m}
                canWrite={canWrite}
                onSave={(rules) => propose({ ...draftOf(m), identificationRules: rules })}
              />
            ),
          },
          {
            key: 'relations',
            label: t('cmdb.models.tabs.relations'),
            children: <RelationsTab model={m} models={models.data ?? []} canWrite={canWrite} />,
          },
          {
            key: 'versions',
            label: t('cmdb.models.tabs.versions'),
            children: <VersionsTab model={m} canWrite={canWrite} />,
          },
          {
            key: 'nonconforming',
            label: t('cmdb.models.tabs.nonconforming'),
            children: <NonconformingTab code={m.code} />,
          },
        ]}
      />
      <AttributeModal
        open={!!editing}
        attribute={editing?.attribute ?? null}
        index={editing?.index ?? 0}
        models={models.data ?? []}
        onClose={() => setEditing(null)}
        onSave={async (a) => {
          const list = [...attributes];
          if (editing && editing.attribute) list[editing.index] = a;
          else list.push(a);
          await propose({ ...draftOf(m), attributes: list });
          setEditing(null);
        }}
      />
      <SaveConfirm
        preview={pending?.preview ?? null}
        draft={pending?.draft ?? null}
        onDone={() => setPending(null)}
      />
    </Card>
  );
}
