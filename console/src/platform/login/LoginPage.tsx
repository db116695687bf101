import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { platformApi, type Session } from '../../api/platform';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { markRendered } from '../../app/perf';
import { isComplete, SESSION_KEY, useSession, useSetSession } from '../../app/session';
import { PasswordForm } from '../account/PasswordForm';
import { TotpEnrolment } from '../account/TotpEnrolment';

/** Where to go after signing in: the page asked for, never another site. */
function target(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

function Frame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #10239e 0%, #2f54eb 60%, #f0f5ff 60%)',
      }}
    >
      {/* a plain box, not antd's Card: Card brings Tabs and Menu into the first load */}
      <div
        data-testid="login-card"
        style={{
          width: 420,
          padding: 24,
          background: '#fff',
          borderRadius: 8,
          boxShadow: '0 6px 24px rgba(0, 0, 0, 0.18)',
        }}
      >
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <img
              src="/favicon.svg"
              alt=""
              width={28}
              height={28}
              style={{ verticalAlign: -5, marginRight: 8 }}
            />
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </Space>
        <Typography.Paragraph type="secondary">{t('login.tagline')}</Typography.Paragraph>
        <Typography.Title level={5} data-testid="login-step">
          {title}
        </Typography.Title>
        {children}
      </div>
    </div>
  );
}

function PasswordStep({ onSession }: { onSession: (s: Session) => void }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) =>
      platformApi.login(v.username.trim(), v.password),
    onSuccess: onSession,
  });
  return (
    <Form layout="vertical" onFinish={(v) => login.mutate(v)} data-testid="login-form" requiredMark={false}>
      {params.get('expired') && !login.isError && (
        <Alert
          type="warning"
          showIcon
          message={t('login.expired')}
          style={{ marginBottom: 16 }}
          data-testid="login-expired"
        />
      )}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="current-password"
          data-testid="login-password"
        />
      </Form.Item>
      {login.isError && (
        <Alert
          type="error"
          showIcon
          message={errorMessage(login.error, t, i18n)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}

function TotpStep({ onSession }: { onSession: (s: Session) => void }) {
  const { t, i18n } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const verify = useMutation({
    mutationFn: (v: { code: string }) =>
      platformApi.totp(recovery ? { recoveryCode: v.code.trim() } : { code: v.code.replace(/\s/g, '') }),
    onSuccess: onSession,
  });
  return (
    <Form
      layout="vertical"
      onFinish={(v) => verify.mutate(v)}
      data-testid="totp-form"
      requiredMark={false}
      key={String(recovery)}
    >
      <Form.Item
        name="code"
        label={recovery ? t('login.totp.recoveryCode') : t('login.totp.code')}
        extra={recovery ? t('login.totp.recoveryHint') : t('login.totp.hint')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Input
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          autoFocus
          data-testid="login-totp-code"
        />
      </Form.Item>
      {verify.isError && (
        <Alert
          type="error"
          showIcon
          message={errorMessage(verify.error, t, i18n)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Button
        type="primary"
        htmlType="submit"
        block
        loading={verify.isPending}
        data-testid="login-totp-submit"
      >
        {t('login.totp.submit')}
      </Button>
      <Button type="link" block onClick={() => setRecovery(!recovery)} data-testid="login-totp-toggle">
        {recovery ? t('login.totp.useCode') : t('login.totp.useRecovery')}
      </Button>
    </Form>
  );
}

/**
 * Sign-in, one step at a time as the session's stage says: password → (forced password change)
 * → (TOTP code, or TOTP enrolment when a role requires it) → the page asked for.
 */
export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data: session, isPending, refetch } = useSession();
  const setSession = useSetSession();
  const queryClient = useQueryClient();
  useEffect(markRendered, []);

  const cancel = async () => {
    await platformApi.logout().catch(() => undefined);
    queryClient.setQueryData(SESSION_KEY, { authenticated: false, stage: 'NONE', permissions: [] });
  };
  const back = (
    <Button type="link" block onClick={() => void cancel()} data-testid="login-cancel">
      {t('login.cancel')}
    </Button>
  );

  if (isPending) {
    return (
      <Frame title={t('login.title')}>
        <Spin />
      </Frame>
    );
  }
  if (isComplete(session)) return <Navigate to={target(params.get('from'))} replace />;

  switch (session?.authenticated ? session.stage : 'NONE') {
    case 'PASSWORD_CHANGE_REQUIRED':
      return (
        <Frame title={t('login.changePassword.title')}>
          <Alert type="info" showIcon message={t('login.changePassword.why')} style={{ marginBottom: 16 }} />
          <PasswordForm onChanged={setSession} submitLabel={t('login.changePassword.submit')} />
          {back}
        </Frame>
      );
    case 'TOTP_REQUIRED':
      return (
        <Frame title={t('login.totp.title')}>
          <TotpStep onSession={setSession} />
          {back}
        </Frame>
      );
    case 'TOTP_ENROLMENT_REQUIRED':
      return (
        <Frame title={t('login.enrol.title')}>
          <Alert type="info" showIcon message={t('login.enrol.why')} style={{ marginBottom: 16 }} />
          <TotpEnrolment onDone={() => void refetch()} />
          {back}
        </Frame>
      );
    default:
      return (
        <Frame title={t('login.title')}>
          <PasswordStep onSession={setSession} />
        </Frame>
      );
  }
}
