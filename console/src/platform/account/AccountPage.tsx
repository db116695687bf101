import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function AccountPage() {
  const { t } = useTranslation();
  return <Card title={t('app.name')} />;
}
