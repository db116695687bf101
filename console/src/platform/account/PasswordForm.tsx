import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { allErrorsOnFields, formErrorMessage, formFieldErrors } from '../../api/errors';
import { platformApi, type Session } from '../../api/platform';

const FIELDS = ['currentPassword', 'newPassword'];

/** Change password (also the forced change on first login); server rules shown next to fields. */
export function PasswordForm({
  onChanged,
  submitLabel,
}: {
  onChanged: (s: Session) => void;
  submitLabel?: string;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      platformApi.changePassword(v.currentPassword, v.newPassword),
    onSuccess: (s) => {
      form.resetFields();
      onChanged(s);
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, FIELDS)),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} data-testid="password-form">
      <Form.Item
        name="currentPassword"
        label={t('account.password.current')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('account.password.new')}
        extra={t('account.password.rules')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('app.form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('account.password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      {change.isError && !allErrorsOnFields(change.error, FIELDS) && (
        <Alert
          type="error"
          showIcon
          message={formErrorMessage(change.error, t, i18n, FIELDS)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {submitLabel ?? t('account.password.submit')}
      </Button>
    </Form>
  );
}
