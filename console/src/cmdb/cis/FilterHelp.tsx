import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const EXAMPLES = [
  'model = host and environment = prod and cpu_cores >= 16',
  'model = host and ip_address in 10.10.0.0/16',
  'model = host and hostname ~ "sh-pd-prod-*" and not serial_number exists',
  'model = host and <-[runs_on]- (model = application and <-[contains]- (model = business_system and name = 集中交易))',
  'model = db_instance and db_type in (oracle, oceanbase) and updated > now-7d',
];

/** The filter language in short, with examples that can be clicked into the box. */
export function FilterHelp({ onPick }: { onPick: (q: string) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 560 }} data-testid="cmdb-filter-help">
      <Typography.Paragraph>{t('cmdb.cis.help.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        <code>= != &lt; &lt;= &gt; &gt;= ~ !~ in (…) not in (…) exists is empty</code> ·{' '}
        <code>and or not ( )</code> · <code>-[runs_on]-&gt; (…) &lt;-[contains]- (…)</code>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('cmdb.cis.help.fields')}</Typography.Paragraph>
      <Typography.Text strong>{t('cmdb.cis.help.examples')}</Typography.Text>
      <ul style={{ paddingInlineStart: 18 }}>
        {EXAMPLES.map((q) => (
          <li key={q}>
            <Typography.Link onClick={() => onPick(q)}>
              <code>{q}</code>
            </Typography.Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
