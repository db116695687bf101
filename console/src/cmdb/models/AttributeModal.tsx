import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorMessage, errorMessage } from '../../api/errors';
import { ApiError } from '../../api/problem';
import { ATTRIBUTE_TYPES, type AttributeDefinition, type CiModel } from './api';
import {
  attributeField,
  fromFormValues,
  parseDefault,
  toFormValues,
  type AttributeFormValues,
} from './attributeForm';

/**
 * Adds or edits one attribute. `onSave` gets the attribute and answers the save's promise;
 * field errors of this attribute (`attributes[i].regex` …) show on its fields, others above.
 */
export default function AttributeModal({
  open,
  attribute,
  index,
  models,
  onSave,
  onClose,
}: {
  open: boolean;
  attribute: AttributeDefinition | null;
  /** where the attribute is (or will be) in the model's list, for mapping field errors */
  index: number;
  models: CiModel[];
  onSave: (a: AttributeDefinition) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AttributeFormValues>();
  const [other, setOther] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('type', form);
  const required = Form.useWatch('required', form);
  useEffect(() => {
    if (open) {
      setOther(null);
      form.resetFields();
      form.setFieldsValue(
        attribute
          ? toFormValues(attribute)
          : { type: 'STRING', required: false, unique: false, recommended: false, enumValues: [] },
      );
    }
  }, [open, attribute, form]);

  const submit = async (values: AttributeFormValues) => {
    if (parseDefault(values.defaultText, values.type) === undefined) {
      form.setFields([{ name: 'defaultText', errors: [t('cmdb.models.attr.defaultInvalid')] }]);
      return;
    }
    setSaving(true);
    setOther(null);
    try {
      await onSave(fromFormValues(values));
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) {
        const mine = e.errors.filter((f) => f.field && attributeField(f.field, index));
        form.setFields(
          mine.map((f) => ({
            name: attributeField(f.field!, index)![0] as keyof AttributeFormValues,
            errors: [fieldErrorMessage(f, t, i18n)],
          })),
        );
        const rest = e.errors.filter((f) => !mine.includes(f));
        if (rest.length > 0)
          setOther(rest.map((f) => `${f.field}: ${fieldErrorMessage(f, t, i18n)}`).join('; '));
      } else if (e) {
        setOther(errorMessage(e, t, i18n));
      }
    } finally {
      setSaving(false);
    }
  };

  const textual = type === 'STRING' || type === 'TEXT' || type === 'URL';
  const ranged =
    type === 'INT' || type === 'DECIMAL' || type === 'STRING' || type === 'TEXT' || type === 'LIST';
  return (
    <Modal
      open={open}
      width={720}
      title={attribute ? t('cmdb.models.attr.edit', { code: attribute.code }) : t('cmdb.models.attr.add')}
      okText={t('app.actions.save')}
      cancelText={t('app.actions.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {other && <Alert type="error" showIcon title={other} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="attribute-form">
        <Space align="start" wrap>
          <Form.Item
            name="code"
            label={t('cmdb.models.attr.code')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Input style={{ width: 200 }} disabled={!!attribute} data-testid="attribute-code" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('cmdb.models.attr.name')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Input style={{ width: 200 }} data-testid="attribute-name" />
          </Form.Item>
          <Form.Item name="type" label={t('cmdb.models.attr.type')}>
            <Select
              style={{ width: 160 }}
              options={ATTRIBUTE_TYPES.map((v) => ({ value: v, label: t(`cmdb.models.types.${v}`) }))}
              data-testid="attribute-type"
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="required" valuePropName="checked">
            <Checkbox>{t('cmdb.models.attr.required')}</Checkbox>
          </Form.Item>
          <Form.Item name="unique" valuePropName="checked">
            <Checkbox>{t('cmdb.models.attr.unique')}</Checkbox>
          </Form.Item>
          <Form.Item
            name="recommended"
            valuePropName="checked"
            tooltip={t('cmdb.models.attr.recommendedHint')}
          >
            <Checkbox disabled={!!required} data-testid="attribute-recommended">
              {t('cmdb.models.attr.recommended')}
            </Checkbox>
          </Form.Item>
        </Space>
        {textual && (
          <Form.Item name="regex" label={t('cmdb.models.attr.regex')}>
            <Input placeholder="^[A-Z0-9-]+$" data-testid="attribute-regex" />
          </Form.Item>
        )}
        {ranged && (
          <Space>
            <Form.Item name="min" label={t('cmdb.models.attr.min')}>
              <InputNumber style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="max" label={t('cmdb.models.attr.max')}>
              <InputNumber style={{ width: 160 }} />
            </Form.Item>
          </Space>
        )}
        {type === 'ENUM' && (
          <Form.Item
            name="enumValues"
            label={t('cmdb.models.attr.enumValues')}
            extra={t('cmdb.models.attr.enumHint')}
          >
            <Select mode="tags" open={false} data-testid="attribute-enum" />
          </Form.Item>
        )}
        {type === 'REFERENCE' && (
          <Form.Item name="referenceModel" label={t('cmdb.models.attr.referenceModel')}>
            <Select
              allowClear
              showSearch
              options={models.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
            />
          </Form.Item>
        )}
        {type === 'LIST' && (
          <Form.Item name="itemType" label={t('cmdb.models.attr.itemType')}>
            <Select
              allowClear
              options={ATTRIBUTE_TYPES.filter((v) => !['LIST', 'JSON', 'REFERENCE', 'ENUM'].includes(v)).map(
                (v) => ({
                  value: v,
                  label: t(`cmdb.models.types.${v}`),
                }),
              )}
            />
          </Form.Item>
        )}
        <Form.Item
          name="defaultText"
          label={t('cmdb.models.attr.defaultValue')}
          extra={t('cmdb.models.attr.defaultHint')}
        >
          <Input data-testid="attribute-default" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="group" label={t('cmdb.models.attr.group')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="helpText" label={t('cmdb.models.attr.helpText')}>
            <Input style={{ width: 400 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
