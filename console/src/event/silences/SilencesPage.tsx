import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formErrorMessage, formFieldErrors } from '../../api/errors';
import { DeleteButton, ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { formatMatcher, parseMatcher, type Matcher } from '../matchers';
import type { AlertView } from '../api';
import {
  absentIfNull,
  CALENDAR_DAYS,
  notAvailable,
  silencesApi,
  WEEKDAYS,
  type MaintenanceWindow,
  type MaintenanceWindowDraft,
  type Silence,
  type WindowSchedule,
} from '../pendingApi';
import { E } from '../permissions';
import {
  CiName,
  SingleCiPicker,
  MatcherEditor,
  MatcherTags,
  QueryError,
  SeverityTag,
  StateTag,
  Time,
  toRows,
  validMatchers,
} from '../shared';
import { silenceState, sortSilences, type SilenceState } from './logic';

const STATE_COLORS: Record<SilenceState, string> = { active: 'green', pending: 'blue', expired: 'default' };

interface EditorValues {
  matchers: Matcher[];
  ciId?: string | null;
  businessSystemId?: string | null;
  range: [Dayjs, Dayjs];
  comment: string;
}

interface Scope {
  matchers: string[];
  ciId?: string | null;
  businessSystemId?: string | null;
}

const PREVIEW_LIMIT = 50;
const SILENCE_FIELDS = ['matchers', 'ciId', 'businessSystemId', 'startsAt', 'endsAt', 'comment'];

/** The open alerts a draft silence's scope matches now, asked of the server half a second after the last change. */
function Preview({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const key = JSON.stringify(scope);
  const [debounced, setDebounced] = useState(scope);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(JSON.parse(key) as Scope), 500);
    return () => clearTimeout(timer);
  }, [key]);
  const empty = debounced.matchers.length === 0 && !debounced.ciId && !debounced.businessSystemId;
  const preview = useQuery({
    queryKey: ['event-silence-preview', debounced],
    queryFn: ({ signal }) =>
      silencesApi.preview(absentIfNull({ ...debounced, limit: PREVIEW_LIMIT }), signal),
    enabled: !empty,
    retry: false,
  });
  return (
    <Card size="small" title={t('event.silences.preview')} data-testid="silence-preview">
      {empty ? (
        <Typography.Text type="secondary">{t('event.silences.previewEmpty')}</Typography.Text>
      ) : preview.error ? (
        <QueryError error={preview.error} />
      ) : (
        <>
          <Typography.Paragraph data-testid="silence-preview-count">
            {t('event.silences.previewCount', { count: preview.data?.count ?? 0 })}
          </Typography.Paragraph>
          <Table<AlertView>
            size="small"
            rowKey="id"
            loading={preview.isFetching}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            dataSource={preview.data?.alerts ?? []}
            columns={[
              { key: 's', width: 80, render: (_, a) => <SeverityTag severity={a.severity} /> },
              {
                key: 'summary',
                title: t('event.alerts.summary'),
                render: (_, a) => <Link to={`/events/alerts/${a.id}`}>{a.summary || a.fingerprint}</Link>,
              },
              { key: 'state', width: 90, render: (_, a) => <StateTag state={a.state} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function SilenceEditor({
  open,
  silence,
  initialMatchers,
  onClose,
}: {
  open: boolean;
  silence?: Silence;
  initialMatchers?: Matcher[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<EditorValues>();
  const matchers = Form.useWatch('matchers', form) ?? [];
  const range = Form.useWatch('range', form);
  const ciId = Form.useWatch('ciId', form);
  const businessSystemId = Form.useWatch('businessSystemId', form);
  const scope: Scope = { matchers: validMatchers(matchers).map(formatMatcher), ciId, businessSystemId };
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      silence
        ? {
            matchers: toRows(silence.matchers),
            ciId: silence.ciId ?? null,
            businessSystemId: silence.businessSystemId ?? null,
            range: [dayjs(silence.startsAt), dayjs(silence.endsAt)],
            comment: silence.comment,
          }
        : {
            matchers: initialMatchers ?? [{ name: '', op: '=', value: '' }],
            ciId: null,
            businessSystemId: null,
            range: [dayjs(), dayjs().add(2, 'hour')],
            comment: '',
          },
    );
  }, [open, silence, initialMatchers, form]);
  const save = useMutation({
    mutationFn: (v: EditorValues) => {
      const draft = {
        matchers: validMatchers(v.matchers).map(formatMatcher),
        ciId: v.ciId || undefined,
        businessSystemId: v.businessSystemId || undefined,
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
        comment: v.comment,
      };
      return silence ? silencesApi.update(silence.id, draft) : silencesApi.create(draft);
    },
    onSuccess: () => {
      void message.success(t('event.common.saved'));
      void client.invalidateQueries({ queryKey: ['event-silences'] });
      onClose();
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, SILENCE_FIELDS)),
  });
  const quick = (hours: number) => {
    const start = range?.[0] ?? dayjs();
    form.setFieldValue('range', [start, start.add(hours, 'hour')]);
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={silence ? t('event.silences.edit') : t('event.silences.create')}
      forceRender
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => void form.validateFields().then((v) => save.mutate(v))}
          data-testid="silence-save"
        >
          {t('app.actions.save')}
        </Button>
      }
    >
      {save.error && !notAvailable(save.error) && (
        <ErrorAlert
          error={new Error(formErrorMessage(save.error, t, i18n, SILENCE_FIELDS))}
          style={{ marginBottom: 12 }}
        />
      )}
      {save.error && notAvailable(save.error) && <QueryError error={save.error} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="matchers"
          label={t('event.matchers.title')}
          rules={[
            {
              // at least one matcher or a CI / business system, and no half-written matcher
              validator: (_, v: Matcher[] | undefined) =>
                (validMatchers(v).length > 0 ||
                  !!form.getFieldValue('ciId') ||
                  !!form.getFieldValue('businessSystemId')) &&
                validMatchers(v).length === (v ?? []).filter((m) => m.name || m.value).length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('event.silences.matchersRequired'))),
            },
          ]}
        >
          <MatcherEditor testId="silence-matchers" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="businessSystemId"
            label={t('event.alerts.businessSystem')}
            style={{ minWidth: 280 }}
          >
            <SingleCiPicker model="business_system" />
          </Form.Item>
          <Form.Item name="ciId" label={t('event.windows.cis')} style={{ minWidth: 280 }}>
            <SingleCiPicker />
          </Form.Item>
        </Space>
        <Form.Item label={t('event.silences.range')} required>
          <Space wrap>
            <Form.Item name="range" noStyle rules={[{ required: true, message: t('app.form.required') }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            {[1, 2, 4, 24].map((h) => (
              <Button key={h} size="small" onClick={() => quick(h)}>
                {t('event.silences.hours', { count: h })}
              </Button>
            ))}
          </Space>
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('event.silences.comment')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <Preview scope={scope} />
    </Drawer>
  );
}

function SilencesTab() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canWrite = allowed(E.SILENCE_MANAGE, usePermissions());
  const [search, setSearch] = useSearchParams();
  const [filter, setFilter] = useState<'all' | SilenceState>('active');
  const [editing, setEditing] = useState<{ silence?: Silence; matchers?: Matcher[] } | null>(null);
  const list = useQuery({ queryKey: ['event-silences'], queryFn: () => silencesApi.list(), retry: false });
  const expire = useMutation({
    mutationFn: silencesApi.expire,
    onSuccess: () => {
      void message.success(t('event.silences.expired'));
      void client.invalidateQueries({ queryKey: ['event-silences'] });
    },
  });

  // "silence similar" from an alert: /events/silences?new=1&matcher=…
  useEffect(() => {
    if (search.get('new') !== '1') return;
    const matchers = search
      .getAll('matcher')
      .map(parseMatcher)
      .flatMap((r) => (r.ok ? [r.matcher] : []));
    setEditing({ matchers });
    setSearch({}, { replace: true });
  }, [search, setSearch]);

  const now = Date.now();
  const rows = useMemo(
    () =>
      sortSilences(list.data ?? [], now).filter((s) => filter === 'all' || silenceState(s, now) === filter),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- now changes with each render
    [list.data, filter],
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<'all' | SilenceState>
          value={filter}
          onChange={setFilter}
          options={(['active', 'pending', 'expired', 'all'] as const).map((v) => ({
            value: v,
            label: t(`event.silences.states.${v}`),
          }))}
        />
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="silence-create"
          >
            {t('event.silences.create')}
          </Button>
        )}
      </Space>
      <QueryError error={list.error} />
      {expire.error && <ErrorAlert error={expire.error} style={{ marginBottom: 12 }} />}
      <Table<Silence>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="silences-table"
        columns={[
          {
            title: t('event.silences.state'),
            key: 'state',
            width: 90,
            render: (_, s) => {
              const st = silenceState(s, now);
              return <Tag color={STATE_COLORS[st]}>{t(`event.silences.states.${st}`)}</Tag>;
            },
          },
          {
            title: t('event.matchers.title'),
            key: 'm',
            render: (_, s) => (
              <ScopeTags ciId={s.ciId} businessSystemId={s.businessSystemId} matchers={s.matchers} />
            ),
          },
          {
            title: t('event.silences.startsAt'),
            key: 'start',
            width: 170,
            render: (_, s) => <Time at={s.startsAt} />,
          },
          {
            title: t('event.silences.endsAt'),
            key: 'end',
            width: 170,
            render: (_, s) => <Time at={s.endsAt} />,
          },
          { title: t('event.silences.createdBy'), dataIndex: 'createdBy', width: 120 },
          { title: t('event.silences.comment'), dataIndex: 'comment', ellipsis: true },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, s: Silence) =>
                    silenceState(s, now) === 'expired' ? (
                      <Button size="small" onClick={() => setEditing({ matchers: toRows(s.matchers) })}>
                        {t('event.silences.recreate')}
                      </Button>
                    ) : (
                      <Space>
                        <Button size="small" onClick={() => setEditing({ silence: s })}>
                          {t('event.common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('event.silences.expireConfirm')}
                          onConfirm={() => expire.mutate(s.id)}
                        >
                          <Button size="small" danger data-testid="silence-expire">
                            {t('event.actions.expire')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      <SilenceEditor
        open={editing !== null}
        silence={editing?.silence}
        initialMatchers={editing?.matchers}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

/** A scope as tags: business system, CI, then the label matchers. */
function ScopeTags({
  ciId,
  businessSystemId,
  matchers,
}: {
  ciId?: string | null;
  businessSystemId?: string | null;
  matchers?: string[] | null;
}) {
  return (
    <Space size={[4, 4]} wrap>
      {[businessSystemId, ciId].filter(Boolean).map((id) => (
        <Tag key={id}>
          <CiName id={id!} />
        </Tag>
      ))}
      <MatcherTags matchers={matchers ?? []} />
    </Space>
  );
}

type ScheduleMode = 'weekly' | 'cron';

interface WindowValues {
  name: string;
  enabled: boolean;
  matchers: Matcher[];
  ciId?: string | null;
  businessSystemId?: string | null;
  mode: ScheduleMode;
  days: string[];
  from?: string;
  to?: string;
  cron?: string;
  duration?: string;
  calendar?: string;
  calendarDays?: string | null;
  zone?: string;
  valid?: [Dayjs | null, Dayjs | null] | null;
  comment?: string;
}

const WINDOW_FIELDS = ['name', 'matchers', 'ciId', 'businessSystemId', 'schedule', 'validFrom', 'validUntil'];

/** The schedule a window's form describes (weekly days and times, or cron and duration). */
export function scheduleOf(
  v: Pick<
    WindowValues,
    'mode' | 'days' | 'from' | 'to' | 'cron' | 'duration' | 'calendar' | 'calendarDays' | 'zone'
  >,
): WindowSchedule {
  const common = {
    zone: v.zone || null,
    calendar: v.calendarDays ? v.calendar || null : null,
    calendarDays: (v.calendarDays || null) as WindowSchedule['calendarDays'],
  };
  return v.mode === 'cron'
    ? { ...common, cron: v.cron || null, duration: v.duration || null }
    : { ...common, days: (v.days ?? []) as WindowSchedule['days'], from: v.from || null, to: v.to || null };
}

function ScheduleText({ schedule }: { schedule: WindowSchedule }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (schedule.cron) parts.push(`cron ${schedule.cron} · ${schedule.duration ?? ''}`);
  else {
    parts.push(
      schedule.days?.length
        ? schedule.days.map((d) => t(`event.windows.days.${d}`)).join(' ')
        : t('event.windows.everyDay'),
    );
    parts.push(
      schedule.from || schedule.to
        ? `${schedule.from ?? '00:00'}–${schedule.to ?? '24:00'}`
        : t('event.windows.allDay'),
    );
  }
  if (schedule.calendarDays) parts.push(t(`event.windows.calendarDays.${schedule.calendarDays}`));
  if (schedule.zone) parts.push(schedule.zone);
  return <>{parts.join(' · ')}</>;
}

function WindowsTab() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canWrite = allowed(E.SILENCE_MANAGE, usePermissions());
  const [editing, setEditing] = useState<MaintenanceWindow | 'new' | null>(null);
  const [form] = Form.useForm<WindowValues>();
  const mode = Form.useWatch('mode', form) ?? 'weekly';
  const list = useQuery({ queryKey: ['event-windows'], queryFn: silencesApi.windows, retry: false });
  const done = () => {
    void message.success(t('event.common.saved'));
    void client.invalidateQueries({ queryKey: ['event-windows'] });
  };
  const save = useMutation({
    mutationFn: (v: WindowValues) => {
      const draft: MaintenanceWindowDraft = {
        name: v.name,
        enabled: v.enabled,
        matchers: validMatchers(v.matchers).map(formatMatcher),
        ciId: v.ciId || undefined,
        businessSystemId: v.businessSystemId || undefined,
        schedule: absentIfNull(scheduleOf(v)),
        validFrom: v.valid?.[0]?.toISOString(),
        validUntil: v.valid?.[1]?.toISOString(),
        comment: v.comment || undefined,
      };
      return silencesApi.saveWindow(editing && editing !== 'new' ? editing.id : undefined, draft);
    },
    onSuccess: () => {
      done();
      setEditing(null);
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, WINDOW_FIELDS)),
  });
  const remove = useMutation({ mutationFn: silencesApi.deleteWindow, onSuccess: done });
  const open = (w: MaintenanceWindow | 'new') => {
    setEditing(w);
    save.reset();
    form.resetFields();
    form.setFieldsValue(
      w === 'new'
        ? {
            name: '',
            enabled: true,
            matchers: [],
            ciId: null,
            businessSystemId: null,
            mode: 'weekly',
            days: ['SATURDAY'],
            from: '22:00',
            to: '06:00',
            calendarDays: null,
            valid: null,
            comment: '',
          }
        : {
            name: w.name,
            enabled: w.enabled,
            matchers: toRows(w.matchers),
            ciId: w.ciId ?? null,
            businessSystemId: w.businessSystemId ?? null,
            mode: w.schedule?.cron ? 'cron' : 'weekly',
            days: w.schedule?.days ?? [],
            from: w.schedule?.from ?? undefined,
            to: w.schedule?.to ?? undefined,
            cron: w.schedule?.cron ?? undefined,
            duration: w.schedule?.duration ?? undefined,
            calendar: w.schedule?.calendar ?? undefined,
            calendarDays: w.schedule?.calendarDays ?? null,
            zone: w.schedule?.zone ?? undefined,
            valid:
              w.validFrom || w.validUntil
                ? [w.validFrom ? dayjs(w.validFrom) : null, w.validUntil ? dayjs(w.validUntil) : null]
                : null,
            comment: w.comment ?? '',
          },
    );
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('event.windows.intro')}</Typography.Paragraph>
      {canWrite && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => open('new')}
          style={{ marginBottom: 12 }}
        >
          {t('event.windows.create')}
        </Button>
      )}
      <QueryError error={list.error} />
      {remove.error && <ErrorAlert error={remove.error} />}
      <Table<MaintenanceWindow>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="windows-table"
        columns={[
          { title: t('event.common.name'), dataIndex: 'name' },
          {
            title: t('event.windows.scope'),
            key: 'scope',
            render: (_, w) => (
              <ScopeTags ciId={w.ciId} businessSystemId={w.businessSystemId} matchers={w.matchers} />
            ),
          },
          {
            title: t('event.windows.schedule'),
            key: 'schedule',
            render: (_, w) => <ScheduleText schedule={w.schedule ?? {}} />,
          },
          {
            title: t('event.windows.valid'),
            key: 'valid',
            width: 200,
            render: (_, w) =>
              w.validFrom || w.validUntil ? (
                <Space size={4}>
                  <Time at={w.validFrom} />–<Time at={w.validUntil} />
                </Space>
              ) : (
                t('event.windows.always')
              ),
          },
          {
            title: t('event.silences.state'),
            key: 'en',
            width: 100,
            render: (_, w) =>
              w.enabled === false ? (
                <Tag>{t('event.common.disabled')}</Tag>
              ) : w.activeNow ? (
                <Tag color="green">{t('event.windows.activeNow')}</Tag>
              ) : (
                <Tag color="blue">{t('event.common.enabled')}</Tag>
              ),
          },
          ...(canWrite
            ? [
                {
                  key: 'a',
                  width: 110,
                  render: (_: unknown, w: MaintenanceWindow) => (
                    <Space>
                      <Button size="small" onClick={() => open(w)}>
                        {t('event.common.edit')}
                      </Button>
                      <DeleteButton
                        confirm={t('event.common.deleteConfirm', { name: w.name })}
                        onConfirm={() => remove.mutate(w.id)}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        width={760}
        title={editing === 'new' ? t('event.windows.create') : t('event.windows.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        confirmLoading={save.isPending}
        forceRender
      >
        {save.error && !notAvailable(save.error) && (
          <ErrorAlert
            error={new Error(formErrorMessage(save.error, t, i18n, WINDOW_FIELDS))}
            style={{ marginBottom: 12 }}
          />
        )}
        {save.error && notAvailable(save.error) && <QueryError error={save.error} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('event.common.name')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="businessSystemId"
              label={t('event.alerts.businessSystem')}
              style={{ minWidth: 300 }}
            >
              <SingleCiPicker model="business_system" />
            </Form.Item>
            <Form.Item name="ciId" label={t('event.windows.cis')} style={{ minWidth: 300 }}>
              <SingleCiPicker />
            </Form.Item>
          </Space>
          <Form.Item
            name="matchers"
            label={t('event.matchers.title')}
            extra={t('event.windows.matchersHint')}
          >
            <MatcherEditor testId="window-matchers" />
          </Form.Item>
          <Form.Item name="mode" label={t('event.windows.schedule')}>
            <Segmented<ScheduleMode>
              options={(['weekly', 'cron'] as const).map((m) => ({
                value: m,
                label: t(`event.windows.modes.${m}`),
              }))}
            />
          </Form.Item>
          {mode === 'cron' ? (
            <Space wrap>
              <Form.Item
                name="cron"
                label={t('event.windows.cron')}
                extra={t('event.windows.cronHint')}
                rules={[{ required: true, message: t('app.form.required') }]}
              >
                <Input style={{ width: 220 }} placeholder="0 0 22 * * SAT" />
              </Form.Item>
              <Form.Item
                name="duration"
                label={t('event.windows.duration')}
                extra={t('event.windows.durationHint')}
                rules={[{ required: true, message: t('app.form.required') }]}
              >
                <Input style={{ width: 120 }} placeholder="PT8H" />
              </Form.Item>
            </Space>
          ) : (
            <Space wrap>
              <Form.Item name="days" label={t('event.windows.daysLabel')} extra={t('event.windows.daysHint')}>
                <Select
                  mode="multiple"
                  style={{ minWidth: 260 }}
                  options={WEEKDAYS.map((d) => ({ value: d, label: t(`event.windows.days.${d}`) }))}
                />
              </Form.Item>
              <Form.Item name="from" label={t('event.windows.from')}>
                <Input style={{ width: 90 }} placeholder="22:00" />
              </Form.Item>
              <Form.Item name="to" label={t('event.windows.to')} extra={t('event.windows.toHint')}>
                <Input style={{ width: 90 }} placeholder="06:00" />
              </Form.Item>
            </Space>
          )}
          <Space wrap>
            <Form.Item name="calendarDays" label={t('event.windows.calendarDaysLabel')}>
              <Select
                allowClear
                style={{ width: 160 }}
                options={CALENDAR_DAYS.map((d) => ({
                  value: d,
                  label: t(`event.windows.calendarDays.${d}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="calendar"
              label={t('event.windows.calendar')}
              extra={t('event.windows.calendarHint')}
            >
              <Input style={{ width: 140 }} placeholder="CN-A / CN-WORK" />
            </Form.Item>
            <Form.Item name="zone" label={t('event.windows.zone')}>
              <Input style={{ width: 160 }} placeholder="Asia/Shanghai" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="valid" label={t('event.windows.valid')}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
              />
            </Form.Item>
            <Form.Item name="enabled" label={t('event.common.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="comment" label={t('event.silences.comment')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 静默: silences with a live preview of what they match, and maintenance windows (维护窗口). */
export default function SilencesPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('event.silences.menu')}>
      <Tabs
        items={[
          { key: 'silences', label: t('event.silences.menu'), children: <SilencesTab /> },
          { key: 'windows', label: t('event.windows.menu'), children: <WindowsTab /> },
        ]}
      />
    </Card>
  );
}
