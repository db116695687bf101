import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton, ErrorAlert } from '../../app/feedback';
import {
  modelsApi,
  type Cardinality,
  type CiModel,
  type DeleteBehaviour,
  type RelationDefinition,
} from './api';

const CARDINALITIES: Cardinality[] = ['ONE_TO_ONE', 'ONE_TO_MANY', 'MANY_TO_MANY'];
const BEHAVIOURS: DeleteBehaviour[] = ['CASCADE', 'BLOCK', 'DETACH'];

/** 模型关联: the relation definitions whose source is this model; each change is a new version. */
export default function RelationsTab({
  model,
  models,
  canWrite,
}: {
  model: CiModel;
  models: CiModel[];
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Omit<RelationDefinition, 'id' | 'sourceModel'>>();
  const types = useQuery({ queryKey: ['cmdb', 'relation-types'], queryFn: modelsApi.relationTypes });
  const labelOf = (code: string) => types.data?.find((x) => x.code === code)?.forwardLabel ?? code;
  const refresh = () => client.invalidateQueries({ queryKey: ['cmdb', 'models'] });
  const add = useMutation({
    mutationFn: (v: Omit<RelationDefinition, 'id' | 'sourceModel'>) =>
      modelsApi.defineRelation({ ...v, sourceModel: model.code }),
    onSuccess: () => {
      void refresh();
      message.success(t('cmdb.models.relations.added'));
      setOpen(false);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => modelsApi.removeRelation(id),
    onSuccess: () => {
      void refresh();
      message.success(t('cmdb.models.relations.removed'));
    },
  });
  return (
    <>
      {canWrite && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
          {t('cmdb.models.relations.add')}
        </Button>
      )}
      {remove.error && <ErrorAlert error={remove.error} style={{ marginBottom: 12 }} />}
      <Table<RelationDefinition>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={model.relations}
        columns={[
          { title: t('cmdb.models.relations.type'), render: (_, r) => `${labelOf(r.type)} (${r.type})` },
          { title: t('cmdb.models.relations.target'), dataIndex: 'targetModel' },
          {
            title: t('cmdb.models.relations.cardinality'),
            render: (_, r) => t(`cmdb.models.cardinality.${r.cardinality}`),
          },
          {
            title: t('cmdb.models.relations.deleteBehaviour'),
            render: (_, r) => t(`cmdb.models.deleteBehaviour.${r.deleteBehaviour}`),
          },
          {
            width: 60,
            render: (_, r) =>
              canWrite && (
                <DeleteButton
                  confirm={t('cmdb.models.relations.delete', { type: r.type, target: r.targetModel })}
                  onConfirm={() => remove.mutate(r.id)}
                />
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('cmdb.models.relations.add')}
        okText={t('app.actions.save')}
        cancelText={t('app.actions.cancel')}
        confirmLoading={add.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          add.reset();
          setOpen(false);
        }}
        destroyOnHidden
      >
        {add.error && <ErrorAlert error={add.error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ cardinality: 'ONE_TO_MANY', deleteBehaviour: 'DETACH' }}
          onFinish={(v) => add.mutate(v)}
        >
          <Form.Item
            name="type"
            label={t('cmdb.models.relations.type')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Select
              options={(types.data ?? []).map((x) => ({
                value: x.code,
                label: `${x.forwardLabel} (${x.code})`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="targetModel"
            label={t('cmdb.models.relations.target')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Select
              showSearch
              options={models.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))}
            />
          </Form.Item>
          <Form.Item name="cardinality" label={t('cmdb.models.relations.cardinality')}>
            <Select
              options={CARDINALITIES.map((c) => ({ value: c, label: t(`cmdb.models.cardinality.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="deleteBehaviour" label={t('cmdb.models.relations.deleteBehaviour')}>
            <Select
              options={BEHAVIOURS.map((b) => ({ value: b, label: t(`cmdb.models.deleteBehaviour.${b}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
