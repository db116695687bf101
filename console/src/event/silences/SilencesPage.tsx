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
import {
  notAvailable,
  silencesApi,
  type LiveAlert,
  type MaintenanceWindow,
  type MaintenanceWindowDraft,
  type Silence,
} from '../pendingApi';
import { E } from '../permissions';
import {
  CiName,
  CiPicker,
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
  range: [Dayjs, Dayjs];
  comment: string;
}

/** The alerts a draft silence would match, asked of the server half a second after the last change. */
function Preview({ matchers, range }: { matchers: Matcher[]; range?: [Dayjs, Dayjs] }) {
  const { t } = useTranslation();
  const strings = validMatchers(matchers).map(formatMatcher);
  const [debounced, setDebounced] = useState(strings);
  const key = JSON.stringify(strings);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(JSON.parse(key) as string[]), 500);
    return () => clearTimeout(timer);
  }, [key]);
  const preview = useQuery({
    queryKey: ['event-silence-preview', debounced, range?.[0]?.toISOString(), range?.[1]?.toISOString()],
    queryFn: ({ signal }) =>
      silencesApi.preview(
        { matchers: debounced, startsAt: range?.[0]?.toISOString(), endsAt: range?.[1]?.toISOString() },
        signal,
      ),
    enabled: debounced.length > 0,
    retry: false,
  });
  return (
    <Card size="small" title={t('event.silences.preview')} data-testid="silence-preview">
      {debounced.length === 0 ? (
        <Typography.Text type="secondary">{t('event.silences.previewEmpty')}</Typography.Text>
      ) : preview.error ? (
        <QueryError error={preview.error} />
      ) : (
        <>
          <Typography.Paragraph data-testid="silence-preview-count">
            {t('event.silences.previewCount', { count: preview.data?.length ?? 0 })}
          </Typography.Paragraph>
          <Table<LiveAlert>
            size="small"
            rowKey="id"
            loading={preview.isFetching}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            dataSource={preview.data ?? []}
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
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      silence
        ? {
            matchers: toRows(silence.matchers),
            range: [dayjs(silence.startsAt), dayjs(silence.endsAt)],
            comment: silence.comment,
          }
        : {
            matchers: initialMatchers ?? [{ name: '', op: '=', value: '' }],
            range: [dayjs(), dayjs().add(2, 'hour')],
            comment: '',
          },
    );
  }, [open, silence, initialMatchers, form]);
  const save = useMutation({
    mutationFn: (v: EditorValues) => {
      const draft = {
        matchers: validMatchers(v.matchers).map(formatMatcher),
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
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, ['matchers', 'comment'])),
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
          error={new Error(formErrorMessage(save.error, t, i18n, ['matchers', 'comment']))}
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
              validator: (_, v: Matcher[] | undefined) =>
                validMatchers(v).length > 0 &&
                validMatchers(v).length === (v ?? []).filter((m) => m.name || m.value).length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('event.silences.matchersRequired'))),
            },
          ]}
        >
          <MatcherEditor testId="silence-matchers" />
        </Form.Item>
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
      <Preview matchers={matchers} range={range} />
    </Drawer>
  );
}

function SilencesTab() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canWrite = allowed(E.ALERT_WRITE, usePermissions());
  const [search, setSearch] = useSearchParams();
  const [filter, setFilter] = useState<'all' | SilenceState>('active');
  const [editing, setEditing] = useState<{ silence?: Silence; matchers?: Matcher[] } | null>(null);
  const list = useQuery({ queryKey: ['event-silences'], queryFn: silencesApi.list, retry: false });
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
            render: (_, s) => <MatcherTags matchers={s.matchers} />,
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

interface WindowValues extends Omit<MaintenanceWindowDraft, 'startsAt' | 'endsAt' | 'matchers'> {
  range: [Dayjs, Dayjs];
  matchers: Matcher[];
}

const RECURRENCES = ['NONE', 'DAILY', 'WEEKLY', 'MONTHLY'];

function WindowsTab() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canWrite = allowed(E.ALERT_WRITE, usePermissions());
  const [editing, setEditing] = useState<MaintenanceWindow | 'new' | null>(null);
  const [form] = Form.useForm<WindowValues>();
  const list = useQuery({ queryKey: ['event-windows'], queryFn: silencesApi.windows, retry: false });
  const done = () => {
    void message.success(t('event.common.saved'));
    void client.invalidateQueries({ queryKey: ['event-windows'] });
  };
  const save = useMutation({
    mutationFn: (v: WindowValues) => {
      const { range, matchers, ...rest } = v;
      const draft: MaintenanceWindowDraft = {
        ...rest,
        ciIds: rest.ciIds ?? [],
        businessSystemIds: rest.businessSystemIds ?? [],
        matchers: validMatchers(matchers).map(formatMatcher),
        startsAt: range[0].toISOString(),
        endsAt: range[1].toISOString(),
      };
      return silencesApi.saveWindow(editing && editing !== 'new' ? editing.id : undefined, draft);
    },
    onSuccess: () => {
      done();
      setEditing(null);
    },
    onError: (e) =>
      form.setFields(formFieldErrors(e, t, i18n, ['name', 'ciIds', 'businessSystemIds', 'matchers'])),
  });
  const remove = useMutation({ mutationFn: silencesApi.deleteWindow, onSuccess: done });
  const open = (w: MaintenanceWindow | 'new') => {
    setEditing(w);
    form.setFieldsValue(
      w === 'new'
        ? {
            name: '',
            enabled: true,
            ciIds: [],
            businessSystemIds: [],
            matchers: [],
            recurrence: 'NONE',
            range: [dayjs().startOf('hour').add(1, 'hour'), dayjs().startOf('hour').add(3, 'hour')],
            comment: '',
          }
        : { ...w, matchers: toRows(w.matchers), range: [dayjs(w.startsAt), dayjs(w.endsAt)] },
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
              <Space size={[4, 4]} wrap>
                {[...(w.businessSystemIds ?? []), ...(w.ciIds ?? [])].map((id) => (
                  <Tag key={id}>
                    <CiName id={id} />
                  </Tag>
                ))}
                <MatcherTags matchers={w.matchers} />
              </Space>
            ),
          },
          {
            title: t('event.silences.startsAt'),
            key: 's',
            width: 170,
            render: (_, w) => <Time at={w.startsAt} />,
          },
          {
            title: t('event.silences.endsAt'),
            key: 'e',
            width: 170,
            render: (_, w) => <Time at={w.endsAt} />,
          },
          {
            title: t('event.windows.recurrence'),
            key: 'r',
            width: 100,
            render: (_, w) => t(`event.windows.recurrences.${w.recurrence}`, { defaultValue: w.recurrence }),
          },
          {
            title: t('event.common.enabled'),
            key: 'en',
            width: 80,
            render: (_, w) => (w.enabled === false ? t('event.common.disabled') : t('event.common.enabled')),
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
        width={720}
        title={editing === 'new' ? t('event.windows.create') : t('event.windows.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        confirmLoading={save.isPending}
        forceRender
      >
        {save.error && <QueryError error={save.error} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('event.common.name')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="businessSystemIds" label={t('event.alerts.businessSystem')}>
            <CiPicker model="business_system" />
          </Form.Item>
          <Form.Item name="ciIds" label={t('event.windows.cis')}>
            <CiPicker />
          </Form.Item>
          <Form.Item
            name="matchers"
            label={t('event.matchers.title')}
            extra={t('event.windows.matchersHint')}
          >
            <MatcherEditor testId="window-matchers" />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="range"
              label={t('event.windows.first')}
              rules={[{ required: true, message: t('app.form.required') }]}
            >
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="recurrence" label={t('event.windows.recurrence')}>
              <Select
                style={{ width: 120 }}
                options={RECURRENCES.map((r) => ({ value: r, label: t(`event.windows.recurrences.${r}`) }))}
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
