import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown once, with a copy button for all of them. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="recovery-codes">
      <Alert type="warning" showIcon message={t('account.recovery.once')} style={{ marginBottom: 12 }} />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }}>
        {codes.map((c) => (
          <Typography.Text key={c} className="ts-mono">
            {c}
          </Typography.Text>
        ))}
      </div>
      <Typography.Paragraph copyable={{ text: codes.join('\n') }} style={{ marginTop: 12, marginBottom: 0 }}>
        {t('account.recovery.copyAll')}
      </Typography.Paragraph>
    </Card>
  );
}
