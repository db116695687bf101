import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { platformApi } from '../../api/platform';
import { useSession } from '../../app/session';
import { RecoveryCodesList } from './RecoveryCodesList';
import { TotpEnrolment } from './TotpEnrolment';

type CodeAction = 'disable' | 'regenerate';

/** TOTP status; enrol, disable (with a current code), regenerate recovery codes (with a code). */
export function TotpPanel({ onChanged }: { onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: session } = useSession();
  const enabled = !!session?.user?.totpEnabled;
  const [enrolling, setEnrolling] = useState(false);
  const [action, setAction] = useState<CodeAction>();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[]>();

  const run = useMutation({
    mutationFn: async ({ kind, code }: { kind: CodeAction; code: string }) =>
      kind === 'disable'
        ? platformApi.disableTotp(code).then(() => undefined)
        : platformApi.regenerateRecoveryCodes(code),
    onSuccess: (result, { kind }) => {
      setAction(undefined);
      setCode('');
      if (kind === 'disable') {
        message.success(t('account.totp.disabled'));
        onChanged();
      } else if (result) {
        setCodes(result.recoveryCodes);
      }
    },
  });

  if (enrolling) {
    return (
      <div style={{ maxWidth: 460 }}>
        <TotpEnrolment
          onDone={() => {
            setEnrolling(false);
            onChanged();
          }}
        />
      </div>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t('account.totp.intro')}</Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('account.totp.status')}>
          <Tag color={enabled ? 'green' : 'default'} data-testid="totp-status">
            {enabled ? t('account.totp.statusOn') : t('account.totp.statusOff')}
          </Tag>
        </Descriptions.Item>
      </Descriptions>
      {enabled ? (
        <Space>
          <Button onClick={() => setAction('regenerate')} data-testid="totp-regenerate">
            {t('account.totp.regenerate')}
          </Button>
          <Button danger onClick={() => setAction('disable')} data-testid="totp-disable">
            {t('account.totp.disable')}
          </Button>
        </Space>
      ) : (
        <Button type="primary" onClick={() => setEnrolling(true)} data-testid="totp-enable">
          {t('account.totp.enable')}
        </Button>
      )}
      {codes && <RecoveryCodesList codes={codes} />}
      <Modal
        open={!!action}
        title={action === 'disable' ? t('account.totp.disable') : t('account.totp.regenerate')}
        okText={t('app.actions.ok')}
        cancelText={t('app.actions.cancel')}
        okButtonProps={{
          disabled: !/^\d{6}$/.test(code.trim()),
          loading: run.isPending,
          danger: action === 'disable',
        }}
        onOk={() => action && run.mutate({ kind: action, code: code.trim() })}
        onCancel={() => {
          setAction(undefined);
          setCode('');
          run.reset();
        }}
      >
        <Typography.Paragraph>{t('account.totp.codePrompt')}</Typography.Paragraph>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={8}
          inputMode="numeric"
          data-testid="totp-action-code"
        />
        {run.isError && (
          <Alert type="error" showIcon message={errorMessage(run.error, t, i18n)} style={{ marginTop: 12 }} />
        )}
      </Modal>
    </Space>
  );
}
