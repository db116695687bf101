import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { platformApi, type AuditRecord } from '../../../api/platform';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';

interface Filters {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  range?: [Dayjs, Dayjs];
}

function toQuery(f: Filters): Record<string, string | undefined> {
  return {
    actor: f.actor?.trim() || undefined,
    action: f.action?.trim() || undefined,
    target: f.target?.trim() || undefined,
    outcome: f.outcome,
    from: f.range?.[0]?.startOf('day').toISOString(),
    to: f.range?.[1]?.endOf('day').toISOString(),
  };
}

const OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'];

/** 审计日志: search, export CSV, verify the hash chain. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const records = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => platformApi.auditRecords({ ...filters, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: platformApi.verifyAudit });
  const rows = records.data?.pages.flatMap((p) => p.items) ?? [];
  const outcomeLabel = (o: string) => (OUTCOMES.includes(o) ? t(`admin.audit.outcomes.${o}`) : o);

  return (
    <Card
      title={t('admin.audit.menu')}
      extra={
        <Space>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('admin.audit.verify')}
          </Button>
          {allowed(P.AUDIT_EXPORT, permissions) && (
            <Button
              icon={<DownloadOutlined />}
              href={withQuery('/api/v1/audit/records.csv', filters)}
              data-testid="audit-export"
            >
              {t('admin.audit.export')}
            </Button>
          )}
        </Space>
      }
    >
      {verify.data && (
        <Alert
          data-testid="audit-verify-result"
          data-intact={String(verify.data.intact)}
          type={verify.data.intact ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          message={
            verify.data.intact
              ? t('admin.audit.intact', { count: verify.data.checkedRecords })
              : t('admin.audit.broken', { id: verify.data.firstBrokenId, reason: verify.data.reason ?? '' })
          }
        />
      )}
      {verify.isError && (
        <Alert
          type="error"
          showIcon
          message={errorMessage(verify.error, t, i18n)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => setFilters(toQuery(v))}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="actor" label={t('admin.audit.actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('admin.audit.action')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="target" label={t('admin.audit.target')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="outcome" label={t('admin.audit.outcome')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }))}
          />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker placeholder={[t('admin.audit.from'), t('admin.audit.to')]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('app.actions.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {t('app.actions.reset')}
          </Button>
        </Space>
      </Form>
      {records.isError && (
        <Alert
          type="error"
          showIcon
          message={errorMessage(records.error, t, i18n)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<AuditRecord>
        rowKey={(r) => String(r.id)}
        size="small"
        loading={records.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('admin.audit.empty') }}
        data-testid="audit-table"
        expandable={{
          rowExpandable: (r) => r.before != null || r.after != null || r.detail != null,
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {r.before != null && (
                <Typography.Text>
                  {t('admin.audit.before')}: <code>{JSON.stringify(r.before)}</code>
                </Typography.Text>
              )}
              {r.after != null && (
                <Typography.Text>
                  {t('admin.audit.after')}: <code>{JSON.stringify(r.after)}</code>
                </Typography.Text>
              )}
              {r.detail != null && (
                <Typography.Text>
                  {t('admin.audit.details')}:{' '}
                  <code>{typeof r.detail === 'string' ? r.detail : JSON.stringify(r.detail)}</code>
                </Typography.Text>
              )}
            </Space>
          ),
        }}
        columns={[
          {
            title: t('admin.audit.occurredAt'),
            dataIndex: 'occurredAt',
            width: 170,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
          },
          { title: t('admin.audit.actor'), dataIndex: 'actorName', width: 140 },
          {
            title: t('admin.audit.action'),
            dataIndex: 'action',
            render: (v: string) => <span className="ts-mono">{v}</span>,
          },
          {
            title: t('admin.audit.target'),
            render: (_, r) => [r.targetType, r.targetId].filter(Boolean).join(' '),
          },
          {
            title: t('admin.audit.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (o: string) => <Tag color={o === 'SUCCESS' ? 'green' : 'red'}>{outcomeLabel(o)}</Tag>,
          },
          { title: t('admin.audit.source'), dataIndex: 'sourceAddress', width: 130 },
        ]}
      />
      {records.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void records.fetchNextPage()} loading={records.isFetchingNextPage}>
            {t('app.actions.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
