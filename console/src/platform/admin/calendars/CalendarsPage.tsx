import { LeftOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adminApi,
  type CalendarImportResult,
  type CalendarSummary,
  type TradingSessionView,
} from '../../../api/admin';
import { errorMessage } from '../../../api/errors';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import {
  dayMark,
  gridRange,
  monthGrid,
  monthSummary,
  withDays,
  type DayMark,
  type GridCell,
} from './monthGrid';
import './calendars.css';
import { ErrorAlert } from '../../../app/feedback';

const MARK_COLORS: Record<DayMark, string | undefined> = {
  holiday: 'red',
  makeUpWorkday: 'orange',
  nonTrading: 'default',
  trading: 'green',
  workday: undefined,
  rest: undefined,
};

function useSessionName() {
  const { t, i18n } = useTranslation();
  return (name: string) => {
    const key = `admin.calendars.sessionNames.${name}`;
    return i18n.exists(key) ? t(key) : name;
  };
}

function ImportButton({ calendar }: { calendar: CalendarSummary }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const lineError = (e: CalendarImportResult['errors'][number]) => {
    const key = `errors.${e.code}`;
    return i18n.exists(key) ? t(key) : e.message;
  };
  const upload = useMutation({
    mutationFn: (file: File) => adminApi.importCalendar(calendar.id, file),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['calendar-days', calendar.id] });
      modal[r.skipped > 0 ? 'warning' : 'success']({
        title: t('admin.calendars.importDone', { name: calendar.name }),
        width: 640,
        okText: t('app.actions.close'),
        content: (
          <div data-testid="calendar-import-result">
            <p>{t('admin.calendars.importSummary', { imported: r.imported, skipped: r.skipped })}</p>
            {r.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.line}-${e.code}`}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                dataSource={r.errors}
                columns={[
                  { title: t('admin.calendars.line'), dataIndex: 'line', width: 70 },
                  { title: t('admin.calendars.problem'), render: (_, e) => lineError(e) },
                ]}
              />
            )}
          </div>
        ),
      });
    },
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  return (
    <Upload
      accept=".csv,.ics,text/csv,text/calendar"
      showUploadList={false}
      beforeUpload={(file) => {
        upload.mutate(file);
        return false;
      }}
    >
      <Tooltip title={t('admin.calendars.importHint')}>
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="calendar-import">
          {t('admin.calendars.import')}
        </Button>
      </Tooltip>
    </Upload>
  );
}

function DayCell({ cell, trading }: { cell: GridCell; trading: boolean }) {
  const { t } = useTranslation();
  const sessionName = useSessionName();
  const mark = cell.info ? dayMark(cell.info, trading) : undefined;
  const sessions = cell.info?.sessions ?? [];
  const label =
    mark === 'holiday'
      ? cell.info?.holidayName || t('admin.calendars.marks.holiday')
      : mark && mark !== 'workday' && mark !== 'trading'
        ? t(`admin.calendars.marks.${mark}`)
        : undefined;
  const body = (
    <div
      className={`ts-cal-cell ts-cal-${mark ?? 'unknown'}${cell.inMonth ? '' : ' ts-cal-outside'}${cell.date === dayjs().format('YYYY-MM-DD') ? ' ts-cal-today' : ''}`}
      data-testid={`calendar-day-${cell.date}`}
      data-mark={mark}
    >
      <div className="ts-cal-day">{cell.day}</div>
      {label && (
        <Tag color={MARK_COLORS[mark!]} className="ts-cal-tag" title={label}>
          {label}
        </Tag>
      )}
      {trading && sessions.length > 0 && (
        <div className="ts-cal-sessions">
          {sessions[0].start}–{sessions[sessions.length - 1].end}
        </div>
      )}
    </div>
  );
  if (!sessions.length) return body;
  return (
    <Tooltip
      title={sessions.map((s) => (
        <div key={s.name}>
          {sessionName(s.name)} {s.start}–{s.end}
        </div>
      ))}
    >
      {body}
    </Tooltip>
  );
}

function MonthView({ calendar }: { calendar: CalendarSummary }) {
  const { t } = useTranslation();
  const sessionName = useSessionName();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const weeks = useMemo(() => monthGrid(month.year(), month.month() + 1), [month]);
  const range = gridRange(weeks);
  const trading = calendar.kind === 'TRADING';
  const days = useQuery({
    queryKey: ['calendar-days', calendar.id, range.from, range.to],
    queryFn: () => adminApi.calendarDays(calendar.id, range.from, range.to),
    placeholderData: keepPreviousData,
  });
  const grid = useMemo(
    () => withDays(weeks, days.isPlaceholderData ? undefined : days.data),
    [weeks, days.data, days.isPlaceholderData],
  );
  const summary = monthSummary(grid, trading);
  const sessions = useMemo(() => {
    const out = new Map<string, TradingSessionView>();
    for (const c of grid.flat())
      if (c.inMonth) for (const s of c.info?.sessions ?? []) out.set(`${s.name}${s.start}${s.end}`, s);
    return [...out.values()].sort((a, b) => a.start.localeCompare(b.start));
  }, [grid]);
  const weekdays = t('admin.calendars.weekdays').split(',');
  const marks: DayMark[] = trading
    ? ['trading', 'nonTrading', 'holiday', 'makeUpWorkday']
    : ['workday', 'rest', 'holiday', 'makeUpWorkday'];

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space>
          <Button
            icon={<LeftOutlined />}
            onClick={() => setMonth((m) => m.subtract(1, 'month'))}
            aria-label={t('admin.calendars.previousMonth')}
          />
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(v) => v && setMonth(v.startOf('month'))}
            data-testid="calendar-month"
          />
          <Button
            icon={<RightOutlined />}
            onClick={() => setMonth((m) => m.add(1, 'month'))}
            aria-label={t('admin.calendars.nextMonth')}
          />
          <Button onClick={() => setMonth(dayjs().startOf('month'))}>{t('admin.calendars.thisMonth')}</Button>
          {days.isFetching && <Spin size="small" />}
        </Space>
        <Space size={4} wrap>
          {marks.map((m) => (
            <Tag key={m} color={MARK_COLORS[m]}>
              {t(`admin.calendars.marks.${m}`)} {summary[m]}
            </Tag>
          ))}
        </Space>
      </Space>
      {days.isError && <ErrorAlert error={days.error} style={{ marginBottom: 12 }} />}
      <div className="ts-cal-grid" data-testid="calendar-grid">
        {weekdays.map((w) => (
          <div key={w} className="ts-cal-head">
            {w}
          </div>
        ))}
        {grid.flat().map((c) => (
          <DayCell key={c.date} cell={c} trading={trading} />
        ))}
      </div>
      {trading && sessions.length > 0 && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 12, marginBottom: 0 }}
          data-testid="calendar-sessions"
        >
          {t('admin.calendars.sessions', { zone: calendar.timeZone })}{' '}
          {sessions.map((s) => (
            <Tag key={`${s.name}${s.start}`}>
              {sessionName(s.name)} {s.start}–{s.end}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** 日历: calendars, a month view of holidays, make-up workdays and trading sessions, and import. */
export default function CalendarsPage() {
  const { t } = useTranslation();
  const canWrite = allowed(P.CALENDAR_WRITE, usePermissions());
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: adminApi.calendars });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = calendars.data?.find((c) => c.id === selectedId) ?? calendars.data?.[0];
  return (
    <Row gutter={16}>
      <Col span={7}>
        <Card title={t('admin.calendars.menu')} styles={{ body: { padding: 0 } }}>
          {calendars.isError && <ErrorAlert error={calendars.error} style={{ margin: 12 }} />}
          <Table<CalendarSummary>
            rowKey="id"
            size="small"
            loading={calendars.isPending}
            dataSource={calendars.data ?? []}
            pagination={false}
            data-testid="calendar-table"
            rowClassName={(c) => (c.id === selected?.id ? 'ant-table-row-selected' : '')}
            onRow={(c) => ({ onClick: () => setSelectedId(c.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('admin.calendars.name'),
                render: (_, c) => (
                  <div>
                    <div>{c.name}</div>
                    <Typography.Text type="secondary" className="ts-mono" style={{ fontSize: 12 }}>
                      {c.code}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('admin.calendars.kind'),
                dataIndex: 'kind',
                width: 96,
                render: (k: CalendarSummary['kind'], c) => (
                  <Space orientation="vertical" size={2}>
                    <Tag color={k === 'TRADING' ? 'green' : k === 'HOLIDAYS' ? 'red' : 'blue'}>
                      {t(`admin.calendars.kinds.${k}`)}
                    </Tag>
                    {c.builtIn && <Tag>{t('admin.calendars.builtIn')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={17}>
        <Card
          title={
            selected ? (
              <Space>
                {selected.name}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                  {selected.timeZone}
                  {selected.source ? ` · ${t('admin.calendars.source')}: ${selected.source}` : ''}
                </Typography.Text>
              </Space>
            ) : (
              t('admin.calendars.month')
            )
          }
          extra={selected && canWrite && <ImportButton calendar={selected} />}
        >
          {selected ? (
            <MonthView key={selected.id} calendar={selected} />
          ) : (
            !calendars.isPending && (
              <Typography.Text type="secondary">{t('admin.calendars.none')}</Typography.Text>
            )
          )}
        </Card>
      </Col>
    </Row>
  );
}
