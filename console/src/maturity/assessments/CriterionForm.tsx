import { DeleteOutlined, PaperClipOutlined, PlusOutlined, RobotOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio, Select, Space, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, formFieldErrors } from '../../api/errors';
import {
  ANSWERS,
  LINK_TYPES,
  maturityApi,
  type Answer,
  type Criterion,
  type CriterionAnswer,
  type EvidenceLink,
} from '../api';
import { EvidenceLinks } from '../EvidenceLinks';
import { needsOverrideReason, pick } from '../logic';

interface Values {
  answer: Answer;
  notes?: string;
  links?: EvidenceLink[];
  overrideReason?: string;
}

/** One criterion: its answer with notes, links, files; a probe's answer and the override reason. */
export function CriterionForm({
  assessmentId,
  criterion,
  current,
  editable,
}: {
  assessmentId: string;
  criterion: Criterion;
  current?: CriterionAnswer;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('answer', form);
  const refresh = () => void client.invalidateQueries({ queryKey: ['maturity-assessment', assessmentId] });
  const save = useMutation({
    mutationFn: (v: Values) =>
      maturityApi.answer(assessmentId, criterion.id, v as Required<Pick<Values, 'answer'>> & Values),
    onSuccess: () => {
      message.success(t('maturity.assessment.saved'));
      refresh();
    },
    onError: (e) => {
      const fields = formFieldErrors(e, t, i18n);
      if (fields.length) form.setFields(fields as never);
      else message.error(errorMessage(e, t, i18n));
    },
  });
  const detach = useMutation({
    mutationFn: (attachmentId: string) => maturityApi.detach(assessmentId, attachmentId),
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      title={
        <Space>
          <Typography.Text strong>{criterion.point})</Typography.Text>
          <span>{pick(criterion.summary, i18n.language)}</span>
        </Space>
      }
      extra={<Typography.Text type="secondary">{criterion.clause}</Typography.Text>}
    >
      {current?.probeId && (
        <div style={{ marginBottom: 8 }}>
          <Tag icon={<RobotOutlined />} color={current.source === 'OVERRIDE' ? 'orange' : 'blue'}>
            {t(
              current.source === 'OVERRIDE'
                ? 'maturity.assessment.overridden'
                : 'maturity.assessment.byProbe',
              {
                probe: current.probeId,
                verdict: t(`maturity.verdicts.${current.probeVerdict ?? 'NOT_OBSERVABLE'}`),
              },
            )}
          </Tag>
          {current.overrideReason && (
            <Typography.Text type="secondary">{current.overrideReason}</Typography.Text>
          )}
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          answer: current?.answer ?? undefined,
          notes: current?.notes ?? '',
          links: current?.links ?? [],
          overrideReason: current?.overrideReason ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="answer"
          rules={[{ required: true, message: t('maturity.assessment.answerRequired') }]}
        >
          <Radio.Group
            optionType="button"
            options={ANSWERS.map((a) => ({ value: a, label: t(`maturity.answers.${a}`) }))}
          />
        </Form.Item>
        {chosen && needsOverrideReason(current, chosen) && (
          <Form.Item
            name="overrideReason"
            label={t('maturity.assessment.overrideReason')}
            rules={[{ required: true, message: t('maturity.assessment.overrideReasonRequired') }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="notes" label={t('maturity.assessment.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.List name="links">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'type']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 140 }}
                      options={LINK_TYPES.map((l) => ({ value: l, label: t(`maturity.linkTypes.${l}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'target']} rules={[{ required: true }]}>
                    <Input style={{ width: 280 }} placeholder={t('maturity.assessment.linkTarget')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']}>
                    <Input style={{ width: 160 }} placeholder={t('maturity.assessment.linkLabel')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              {editable && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ type: 'URL', target: '' })}>
                  {t('maturity.assessment.addLink')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {!editable && current && <EvidenceLinks links={current.links} />}
        <Space style={{ marginTop: 8 }} wrap>
          {editable && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('maturity.assessment.save')}
            </Button>
          )}
          {editable && (
            <Upload
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                maturityApi
                  .attach(assessmentId, criterion.id, file as File)
                  .then((a) => {
                    onSuccess?.(a);
                    refresh();
                  })
                  .catch((e: unknown) => {
                    message.error(errorMessage(e, t, i18n));
                    onError?.(e as Error);
                  });
              }}
            >
              <Button size="small" icon={<PaperClipOutlined />}>
                {t('maturity.assessment.attach')}
              </Button>
            </Upload>
          )}
          {(current?.attachments ?? []).map((a) => (
            <Tag
              key={a.id}
              closable={editable}
              onClose={(e) => {
                e.preventDefault();
                detach.mutate(a.id);
              }}
            >
              <a href={maturityApi.attachmentUrl(assessmentId, a.id)}>{a.fileName}</a>
            </Tag>
          ))}
        </Space>
      </Form>
    </Card>
  );
}
