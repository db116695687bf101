import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { cisApi } from './api';
import { BusinessViewPicture } from './TopologyPicture';

/** 业务视图 of one business system, on its own page. */
export default function BusinessViewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const models = useQuery({ queryKey: ['cmdb', 'models'], queryFn: cisApi.models });
  const ci = useQuery({ queryKey: ['cmdb', 'ci', id], queryFn: () => cisApi.get(id) });
  return (
    <Card
      title={
        <>
          {t('cmdb.cis.tabs.businessView')}: <Link to={`/cmdb/cis/${id}`}>{ci.data?.name ?? id}</Link>
        </>
      }
    >
      <BusinessViewPicture id={id} models={models.data} />
    </Card>
  );
}
