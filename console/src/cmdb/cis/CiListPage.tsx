import { QuestionCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { ErrorAlert } from '../../app/feedback';
import { type Ci, type CiModel, cisApi } from './api';
import { FilterHelp } from './FilterHelp';
import { filterErrorSpot, lineAndColumn } from './filterError';
import { StateTag, modelLabel, valueText } from './labels';

const PAGE_SIZE = 50;
const ATTRIBUTE_COLUMNS = 6;

/** 配置项: the CI list with the filter language, a model picker and cursor paging. */
export default function CiListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const model = params.get('model') ?? undefined;
  const [draft, setDraft] = useState(q);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const models = useQuery({ queryKey: ['cmdb', 'models'], queryFn: cisApi.models });
  const search = useQuery({
    queryKey: ['cmdb', 'cis', q, model, cursor],
    queryFn: () => cisApi.search(q, model, cursor, PAGE_SIZE),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const selected: CiModel | undefined = models.data?.find((m) => m.code === model);

  const apply = (next: { q?: string; model?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.q !== undefined) {
      if (next.q.trim()) p.set('q', next.q.trim());
      else p.delete('q');
    }
    if (next.model !== undefined) {
      if (next.model) p.set('model', next.model);
      else p.delete('model');
    }
    setCursors([undefined]);
    setParams(p);
  };

  const spot = filterErrorSpot(search.error, q);
  const columns = useMemo(() => {
    const base = [
      {
        title: t('cmdb.cis.name'),
        dataIndex: 'name',
        render: (name: string, ci: Ci) => <Link to={`/cmdb/cis/${ci.id}`}>{name}</Link>,
      },
      {
        title: t('cmdb.cis.model'),
        dataIndex: 'model',
        render: (code: string) => modelLabel(models.data, code, i18n.language),
      },
      { title: t('cmdb.cis.state'), dataIndex: 'state', render: (s: Ci['state']) => <StateTag state={s} /> },
    ];
    const attributes = (selected?.attributes ?? []).slice(0, ATTRIBUTE_COLUMNS).map((a) => ({
      title: a.name,
      key: `a.${a.code}`,
      render: (_: unknown, ci: Ci) => valueText(ci.attributes[a.code]),
    }));
    return [
      ...base,
      ...attributes,
      {
        title: t('cmdb.cis.updated'),
        dataIndex: 'updatedAt',
        render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
      },
    ];
  }, [selected, models.data, t, i18n.language]);

  return (
    <Card title={t('cmdb.cis.title')} data-testid="cmdb-ci-list">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space.Compact style={{ width: '100%' }}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            placeholder={t('cmdb.cis.allModels')}
            value={model}
            loading={models.isLoading}
            options={(models.data ?? []).map((m) => ({
              value: m.code,
              label: modelLabel(models.data, m.code, i18n.language),
            }))}
            onChange={(v) => apply({ model: v ?? null })}
            data-testid="cmdb-model-picker"
          />
          <Input.TextArea
            value={draft}
            autoSize={{ minRows: 1, maxRows: 6 }}
            placeholder={t('cmdb.cis.filterPlaceholder')}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={(e) => {
              if (!e.shiftKey) {
                e.preventDefault();
                apply({ q: draft });
              }
            }}
            status={spot ? 'error' : undefined}
            style={{ fontFamily: 'monospace' }}
            data-testid="cmdb-filter"
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => apply({ q: draft })}>
            {t('cmdb.cis.search')}
          </Button>
          <Popover
            trigger="click"
            placement="bottomRight"
            title={t('cmdb.cis.help.title')}
            content={
              <FilterHelp
                onPick={(example) => {
                  setDraft(example);
                  apply({ q: example });
                }}
              />
            }
          >
            <Button icon={<QuestionCircleOutlined />} aria-label={t('cmdb.cis.help.title')} />
          </Popover>
        </Space.Compact>
        {spot ? (
          <Alert
            type="error"
            showIcon
            data-testid="cmdb-filter-error"
            title={t('cmdb.cis.filterError', lineAndColumn(q, spot.start))}
            description={
              <>
                <pre style={{ margin: '4px 0', whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}>
                  {spot.before}
                  <mark style={{ background: '#ffccc7', textDecoration: 'underline wavy red' }}>
                    {spot.marked}
                  </mark>
                  {spot.after}
                </pre>
                <Typography.Text>{errorMessage(search.error, t, i18n)}</Typography.Text>
                {search.error instanceof Error ? (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {search.error.message}
                  </Typography.Paragraph>
                ) : null}
              </>
            }
          />
        ) : search.error ? (
          <ErrorAlert error={search.error} />
        ) : null}
        <Table<Ci>
          rowKey="id"
          size="small"
          loading={search.isFetching}
          columns={columns}
          dataSource={search.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
        />
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('cmdb.cis.previous')}
          </Button>
          <Button
            disabled={!search.data?.nextCursor}
            onClick={() => setCursors((c) => [...c, search.data?.nextCursor ?? undefined])}
          >
            {t('cmdb.cis.next')}
          </Button>
          <Tag>{t('cmdb.cis.page', { page: cursors.length })}</Tag>
        </Space>
      </Space>
    </Card>
  );
}
