import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Descriptions, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { SESSION_KEY, useSession, useSetSession } from '../../app/session';
import { PasswordForm } from './PasswordForm';
import { TokensPanel } from './TokensPanel';
import { TotpPanel } from './TotpPanel';

/** 我的账户: profile, password, TOTP and recovery codes, personal API tokens. */
export default function AccountPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: session } = useSession();
  const setSession = useSetSession();
  const queryClient = useQueryClient();
  const user = session?.user;
  return (
    <Card title={t('account.title')}>
      <Descriptions size="small" column={4} style={{ marginBottom: 16 }} data-testid="account-profile">
        <Descriptions.Item label={t('account.profile.username')}>{user?.username}</Descriptions.Item>
        <Descriptions.Item label={t('account.profile.displayName')}>{user?.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('account.profile.email')}>{user?.email}</Descriptions.Item>
        <Descriptions.Item label={t('account.profile.permissions')}>
          {session?.permissions?.length ?? 0}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'password',
            label: <span data-testid="account-tab-password">{t('account.tabs.password')}</span>,
            children: (
              <div style={{ maxWidth: 420 }}>
                <PasswordForm
                  onChanged={(s) => {
                    setSession(s);
                    message.success(t('account.password.changed'));
                  }}
                />
              </div>
            ),
          },
          {
            key: 'totp',
            label: <span data-testid="account-tab-totp">{t('account.tabs.totp')}</span>,
            children: (
              <TotpPanel onChanged={() => void queryClient.invalidateQueries({ queryKey: SESSION_KEY })} />
            ),
          },
          {
            key: 'tokens',
            label: <span data-testid="account-tab-tokens">{t('account.tabs.tokens')}</span>,
            children: <TokensPanel />,
          },
        ]}
      />
    </Card>
  );
}
