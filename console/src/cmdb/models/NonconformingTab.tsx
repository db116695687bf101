import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/feedback';
import { modelsApi, type CiNonconformity } from './api';

/** 不合规配置项: the CIs a model change could not migrate, with the rule each breaks. */
export default function NonconformingTab({ code }: { code: string }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: ['cmdb', 'models', code, 'nonconforming'],
    queryFn: ({ pageParam }) => modelsApi.nonconforming(code, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cmdb.models.nonconforming.hint')} />
      {pages.error && <ErrorAlert error={pages.error} />}
      <Table<CiNonconformity>
        size="small"
        rowKey="id"
        loading={pages.isLoading}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('cmdb.models.nonconforming.empty') }}
        columns={[
          { title: t('cmdb.models.nonconforming.ci'), dataIndex: 'ciName' },
          { title: t('cmdb.models.nonconforming.attribute'), dataIndex: 'attribute' },
          {
            title: t('cmdb.models.nonconforming.rule'),
            render: (_, f) => <Tag color="orange">{f.code}</Tag>,
          },
          { title: t('cmdb.models.nonconforming.message'), dataIndex: 'message' },
          {
            title: t('cmdb.models.nonconforming.modelVersion'),
            width: 110,
            render: (_, f) => `v${f.modelVersion}`,
          },
          {
            title: t('cmdb.models.nonconforming.flaggedAt'),
            width: 160,
            render: (_, f) => dayjs(f.flaggedAt).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
      {pages.hasNextPage && (
        <Button
          style={{ marginTop: 12 }}
          loading={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {t('cmdb.models.nonconforming.more')}
        </Button>
      )}
    </>
  );
}
