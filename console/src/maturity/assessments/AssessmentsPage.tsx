import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage, formFieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { maturityApi, type Assessment, type NewAssessment, type Status } from '../api';
import { pick } from '../logic';
import { M } from '../permissions';

export const STATUS_COLORS: Record<Status, string> = {
  DRAFT: 'default',
  IN_REVIEW: 'orange',
  SIGNED_OFF: 'green',
};

/** 评估列表 and the wizard's first step: framework, scope, assessors, reviewer. */
export default function AssessmentsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canAssess = allowed(M.ASSESS, usePermissions());
  const list = useQuery({ queryKey: ['maturity-assessments'], queryFn: () => maturityApi.assessments() });
  const frameworks = useQuery({ queryKey: ['maturity-frameworks'], queryFn: maturityApi.frameworks });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewAssessment>();
  const scopeKind = Form.useWatch('scopeKind', form);
  const create = useMutation({
    mutationFn: (body: NewAssessment) => maturityApi.create(body),
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: ['maturity-assessments'] });
      setOpen(false);
      navigate(`/maturity/assessments/${a.id}`);
    },
    onError: (e) => {
      const fields = formFieldErrors(e, t, i18n);
      if (fields.length) form.setFields(fields as never);
      else message.error(errorMessage(e, t, i18n));
    },
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canAssess && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('maturity.assessments.create')}
        </Button>
      )}
      <Table<Assessment>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data}
        columns={[
          {
            title: t('maturity.assessments.titleField'),
            render: (_, a) => <Link to={`/maturity/assessments/${a.id}`}>{a.title}</Link>,
          },
          {
            title: t('maturity.assessments.framework'),
            render: (_, a) => {
              const f = frameworks.data?.find((x) => x.id === a.frameworkId);
              return f ? `${f.id} ${pick(f.title, i18n.language)}` : a.frameworkId;
            },
          },
          {
            title: t('maturity.assessments.scope'),
            render: (_, a) =>
              a.scope.kind === 'ORGANISATION'
                ? t('maturity.assessments.organisation')
                : a.scope.systems.map((s) => s.name).join(', '),
          },
          { title: t('maturity.assessments.assessors'), render: (_, a) => a.assessors.join(', ') },
          { title: t('maturity.assessments.reviewer'), dataIndex: 'reviewer' },
          {
            title: t('maturity.assessments.status'),
            render: (_, a) => <Tag color={STATUS_COLORS[a.status]}>{t(`maturity.status.${a.status}`)}</Tag>,
          },
          {
            title: '',
            render: (_, a) => (
              <Link to={`/maturity/assessments/${a.id}/report`}>{t('maturity.report.open')}</Link>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('maturity.assessments.create')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<NewAssessment>
          form={form}
          layout="vertical"
          initialValues={{ scopeKind: 'ORGANISATION', systemIds: [], assessors: [] }}
          onFinish={(v) => create.mutate({ ...v, systemIds: v.systemIds ?? [] })}
        >
          <Form.Item
            name="frameworkId"
            label={t('maturity.assessments.framework')}
            rules={[{ required: true }]}
          >
            <Select
              options={(frameworks.data ?? []).map((f) => ({
                value: f.id,
                label: `${f.id} ${pick(f.title, i18n.language)}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('maturity.assessments.titleField')}
            rules={[{ required: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="scopeKind" label={t('maturity.assessments.scope')}>
            <Radio.Group
              options={[
                { value: 'ORGANISATION', label: t('maturity.assessments.organisation') },
                { value: 'SYSTEMS', label: t('maturity.assessments.systems') },
              ]}
            />
          </Form.Item>
          {scopeKind === 'SYSTEMS' && (
            <Form.Item
              name="systemIds"
              label={t('maturity.assessments.systemIds')}
              extra={t('maturity.assessments.systemIdsHelp')}
            >
              <Select mode="tags" tokenSeparators={[',', ' ']} />
            </Form.Item>
          )}
          <Form.Item
            name="assessors"
            label={t('maturity.assessments.assessors')}
            rules={[{ required: true }]}
          >
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item
            name="reviewer"
            label={t('maturity.assessments.reviewer')}
            extra={t('maturity.assessments.reviewerHelp')}
            rules={[{ required: true }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
