import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, formFieldErrors } from '../../api/errors';
import { platformApi, type TotpEnrolment as Enrolment } from '../../api/platform';
import { RecoveryCodesList } from './RecoveryCodesList';

/**
 * TOTP enrolment: starts a pending enrolment (QR code + secret), confirms it with a code from the
 * authenticator app, then shows the recovery codes once. Used by the login flow (when a role
 * requires TOTP) and by My account.
 */
export function TotpEnrolment({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [codes, setCodes] = useState<string[]>();
  const start = useMutation({ mutationFn: platformApi.startTotpEnrolment, onSuccess: setEnrolment });
  const confirm = useMutation({
    mutationFn: (code: string) => platformApi.confirmTotp(code),
    onSuccess: (r) => setCodes(r.recoveryCodes),
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, ['code'])),
  });
  const { mutate: startMutate } = start;
  useEffect(() => startMutate(), [startMutate]);

  if (codes) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon message={t('account.totp.enabled')} />
        <RecoveryCodesList codes={codes} />
        <Button type="primary" block data-testid="totp-done" onClick={onDone}>
          {t('account.totp.savedCodes')}
        </Button>
      </Space>
    );
  }
  if (start.isError) return <Alert type="error" showIcon message={errorMessage(start.error, t, i18n)} />;
  if (!enrolment) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('account.totp.scan')}</Typography.Paragraph>
      <div style={{ textAlign: 'center' }}>
        <img
          src={enrolment.qrCodePng}
          alt={t('account.totp.qrAlt')}
          width={180}
          height={180}
          data-testid="totp-qr"
        />
      </div>
      <Typography.Paragraph>
        {t('account.totp.secretLabel')}{' '}
        <Typography.Text code copyable className="ts-mono" data-testid="totp-secret">
          {enrolment.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => confirm.mutate(v.code.trim())}>
        <Form.Item
          name="code"
          label={t('account.totp.code')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('account.totp.codeFormat') }]}
        >
          <Input
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            data-testid="totp-confirm-code"
          />
        </Form.Item>
        {confirm.isError && formFieldErrors(confirm.error, t, i18n, ['code']).length === 0 && (
          <Alert
            type="error"
            showIcon
            message={errorMessage(confirm.error, t, i18n)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={confirm.isPending} data-testid="totp-confirm">
          {t('account.totp.confirm')}
        </Button>
      </Form>
    </Space>
  );
}
