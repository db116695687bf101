import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AuditFilters, type AuditRecord } from '../../../api/admin';
import { formFieldErrors } from '../../../api/errors';
import { ApiError } from '../../../api/problem';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import { auditDiff, show, type DiffRow } from './diff';
import './audit.css';
import { ErrorAlert } from '../../../app/feedback';

interface FilterForm {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The query for the list and the CSV export: trimmed, empty filters left out, times with offset. */
function toFilters(f: FilterForm): AuditFilters {
  const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DDTHH:mm:ssZ') : undefined);
  return {
    actor: f.actor?.trim() || undefined,
    action: f.action?.trim() || undefined,
    target: f.target?.trim() || undefined,
    outcome: f.outcome || undefined,
    from: iso(f.range?.[0]?.startOf('minute')),
    to: iso(f.range?.[1]?.endOf('minute')),
  };
}

const OUTCOMES = ['SUCCESS', 'FAILURE', 'DENIED'];
const KIND_COLORS: Record<DiffRow['kind'], string | undefined> = {
  added: 'green',
  removed: 'red',
  changed: 'orange',
  same: undefined,
};

function RecordDetails({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const rows = auditDiff(record.before, record.after);
  const changed = rows.filter((r) => r.kind !== 'same');
  const shown = all ? rows : changed;
  return (
    <div data-testid="audit-details">
      <Descriptions
        size="small"
        column={3}
        items={[
          {
            key: 'id',
            label: t('admin.audit.recordId'),
            children: <span className="ts-mono">{record.id}</span>,
          },
          { key: 'actorKind', label: t('admin.audit.actorKind'), children: record.actorKind },
          {
            key: 'requestId',
            label: t('admin.audit.requestId'),
            children: <span className="ts-mono">{record.requestId ?? '—'}</span>,
          },
          ...(record.detail
            ? [{ key: 'detail', label: t('admin.audit.details'), span: 3, children: record.detail }]
            : []),
        ]}
      />
      {rows.length > 0 && (
        <>
          <Space style={{ margin: '8px 0' }}>
            <Typography.Text strong>{t('admin.audit.changes')}</Typography.Text>
            {rows.length !== changed.length && (
              <Button type="link" size="small" onClick={() => setAll((v) => !v)}>
                {all ? t('admin.audit.onlyChanged') : t('admin.audit.showAll', { count: rows.length })}
              </Button>
            )}
          </Space>
          <Table<DiffRow>
            size="small"
            rowKey="path"
            pagination={false}
            dataSource={shown}
            data-testid="audit-diff"
            columns={[
              {
                title: t('admin.audit.field'),
                dataIndex: 'path',
                width: 220,
                render: (v: string) => <span className="ts-mono">{v}</span>,
              },
              {
                title: t('admin.audit.before'),
                dataIndex: 'before',
                render: (v: unknown, r) => (
                  <span
                    className={`ts-mono${r.kind === 'removed' || r.kind === 'changed' ? ' ts-audit-old' : ''}`}
                  >
                    {show(v)}
                  </span>
                ),
              },
              {
                title: t('admin.audit.after'),
                dataIndex: 'after',
                render: (v: unknown, r) => (
                  <span
                    className={`ts-mono${r.kind === 'added' || r.kind === 'changed' ? ' ts-audit-new' : ''}`}
                  >
                    {show(v)}
                  </span>
                ),
              },
              {
                title: '',
                dataIndex: 'kind',
                width: 90,
                render: (k: DiffRow['kind']) =>
                  k === 'same' ? null : <Tag color={KIND_COLORS[k]}>{t(`admin.audit.diffKinds.${k}`)}</Tag>,
              },
            ]}
          />
        </>
      )}
    </div>
  );
}

/** 审计日志: search with filters, cursor paging, before/after diff, CSV export, chain verification. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const records = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => adminApi.auditRecords(filters, pageParam, 50),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: adminApi.verifyAudit });
  const rows = records.data?.pages.flatMap((p) => p.items) ?? [];
  const outcomeLabel = (o: string) => (OUTCOMES.includes(o) ? t(`admin.audit.outcomes.${o}`) : o);
  const listError = records.error;
  useEffect(() => {
    if (!(listError instanceof ApiError) || listError.errors.length === 0) return;
    // from/to errors belong to the range picker
    const fields = formFieldErrors(listError, t, i18n, [
      'actor',
      'action',
      'target',
      'outcome',
      'from',
      'to',
    ]);
    form.setFields(
      fields.map((f) => (f.name[0] === 'from' || f.name[0] === 'to' ? { ...f, name: ['range'] } : f)),
    );
  }, [listError, form, t, i18n]);
  const v = verify.data;

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
            <Tooltip title={t('admin.audit.exportHint')}>
              <Button
                icon={<DownloadOutlined />}
                href={adminApi.auditCsvUrl(filters)}
                data-testid="audit-export"
              >
                {t('admin.audit.export')}
              </Button>
            </Tooltip>
          )}
        </Space>
      }
    >
      {v && (
        <Alert
          data-testid="audit-verify-result"
          data-intact={String(v.intact)}
          type={v.intact ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          style={{ marginBottom: 16 }}
          title={
            v.intact
              ? t('admin.audit.intact', { count: v.checkedRecords })
              : v.firstBrokenId != null
                ? t('admin.audit.broken', { id: v.firstBrokenId, reason: v.reason ?? '' })
                : t('admin.audit.brokenTail', { reason: v.reason ?? '' })
          }
          description={!v.intact ? t('admin.audit.brokenChecked', { count: v.checkedRecords }) : undefined}
        />
      )}
      {verify.isError && <ErrorAlert error={verify.error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="inline"
        onFinish={(values) => setFilters(toFilters(values))}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="audit-filters"
      >
        <Form.Item name="actor" label={t('admin.audit.actor')}>
          <Input allowClear style={{ width: 120 }} data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('admin.audit.action')} tooltip={t('admin.audit.actionHint')}>
          <Input
            allowClear
            style={{ width: 170 }}
            placeholder="platform.user."
            data-testid="audit-filter-action"
          />
        </Form.Item>
        <Form.Item name="target" label={t('admin.audit.target')} tooltip={t('admin.audit.targetHint')}>
          <Input allowClear style={{ width: 130 }} placeholder="user:…" data-testid="audit-filter-target" />
        </Form.Item>
        <Form.Item name="outcome" label={t('admin.audit.outcome')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }))}
            data-testid="audit-filter-outcome"
          />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            placeholder={[t('admin.audit.from'), t('admin.audit.to')]}
            style={{ width: 320 }}
            presets={[
              { label: t('admin.audit.last24h'), value: () => [dayjs().subtract(24, 'hour'), dayjs()] },
              {
                label: t('admin.audit.last7d'),
                value: () => [dayjs().subtract(7, 'day').startOf('day'), dayjs()],
              },
            ]}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
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
      {records.isError && <ErrorAlert error={records.error} style={{ marginBottom: 16 }} />}
      <Table<AuditRecord>
        rowKey={(r) => String(r.id)}
        size="small"
        loading={records.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('admin.audit.empty') }}
        data-testid="audit-table"
        expandable={{ expandedRowRender: (r) => <RecordDetails record={r} /> }}
        columns={[
          {
            title: t('admin.audit.occurredAt'),
            dataIndex: 'occurredAt',
            width: 160,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
          },
          { title: t('admin.audit.actor'), dataIndex: 'actorName', width: 130, ellipsis: true },
          {
            title: t('admin.audit.action'),
            dataIndex: 'action',
            render: (v: string) => <span className="ts-mono">{v}</span>,
          },
          {
            title: t('admin.audit.target'),
            ellipsis: true,
            render: (_, r) => [r.targetType, r.targetId].filter(Boolean).join(' '),
          },
          {
            title: t('admin.audit.outcome'),
            dataIndex: 'outcome',
            width: 80,
            render: (o: string) => (
              <Tag color={o === 'SUCCESS' ? 'green' : o === 'DENIED' ? 'orange' : 'red'}>
                {outcomeLabel(o)}
              </Tag>
            ),
          },
          { title: t('admin.audit.source'), dataIndex: 'sourceAddress', width: 130, ellipsis: true },
        ]}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {records.hasNextPage ? (
          <Button
            onClick={() => void records.fetchNextPage()}
            loading={records.isFetchingNextPage}
            data-testid="audit-more"
          >
            {t('app.actions.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && (
            <Typography.Text type="secondary">{t('admin.audit.end', { count: rows.length })}</Typography.Text>
          )
        )}
      </div>
    </Card>
  );
}
