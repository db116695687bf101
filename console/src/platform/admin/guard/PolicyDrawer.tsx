import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type GuardPolicy, type PolicyKind } from '../../../api/admin';
import { ErrorAlert } from '../../../app/feedback';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import { allOnPaths, pathFieldErrors, under } from '../fieldErrors';
import {
  DAY_TYPES,
  emptyConfig,
  END_TIME_PATTERN,
  formToConfig,
  formToDraft,
  POLICY_KINDS,
  policyToForm,
  RISKS,
  TIME_PATTERN,
  WEEKDAYS,
  type PolicyForm,
} from './policyConfig';

const FIELDS = under('name', 'kind', 'enabled', 'environments', 'operationKinds', 'description', 'config');
const ENVIRONMENTS = ['prod', 'uat', 'test', 'dev'];
const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'UTC', 'Europe/London', 'America/New_York'];
const SESSIONS = ['call-auction', 'continuous-morning', 'continuous-afternoon'];

/** Errors on one item of a list field (`environments[1]`) are shown on the whole field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a form name as antd takes it
function onListFields(path: (string | number)[]): any {
  const i = path.findIndex((p) => typeof p === 'number');
  if (i < 0) return path;
  const head = path.slice(0, i);
  const listFields = [['environments'], ['operationKinds'], ['config', 'sessions'], ['config', 'cidrs']];
  if (listFields.some((f) => JSON.stringify(f) === JSON.stringify(head))) return head;
  // config.windows[0].days[2] → the days select of window 0
  if (head.join('.') === 'config.windows' && path[i + 1] === 'days') return path.slice(0, i + 2);
  return path;
}

function RiskSelect() {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      style={{ width: 160 }}
      placeholder={t('admin.guard.anyRisk')}
      options={RISKS.map((r) => ({ value: r, label: t(`admin.guard.risks.${r}`) }))}
    />
  );
}

function CalendarSelect({ tradingOnly }: { tradingOnly: boolean }) {
  const { t } = useTranslation();
  const canRead = allowed(P.CALENDAR_READ, usePermissions());
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: adminApi.calendars, enabled: canRead });
  return canRead ? (
    <Select
      allowClear={!tradingOnly}
      style={{ width: 280 }}
      loading={calendars.isPending}
      placeholder={tradingOnly ? undefined : t('admin.guard.noCalendar')}
      options={(calendars.data ?? [])
        .filter((c) => !tradingOnly || c.kind === 'TRADING')
        .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
      data-testid="policy-calendar"
    />
  ) : (
    <Input style={{ width: 200 }} placeholder="CN-A" />
  );
}

function WindowConfig() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={['config', 'mode']}
        label={t('admin.guard.mode')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <Radio.Group
          options={[
            { value: 'ALLOW', label: t('admin.guard.modes.ALLOW') },
            { value: 'FORBID', label: t('admin.guard.modes.FORBID') },
          ]}
        />
      </Form.Item>
      <Form.List name={['config', 'windows']}>
        {(fields, { add, remove }, { errors }) => (
          <>
            <Typography.Text strong>{t('admin.guard.windows')}</Typography.Text>
            {fields.map((field) => (
              <Space
                key={field.key}
                align="start"
                wrap
                style={{ display: 'flex', marginTop: 8 }}
                data-testid="policy-window"
              >
                <Form.Item name={[field.name, 'days']} style={{ marginBottom: 8 }}>
                  <Select
                    mode="multiple"
                    style={{ width: 220 }}
                    placeholder={t('admin.guard.everyDay')}
                    maxTagCount="responsive"
                    options={WEEKDAYS.map((d) => ({ value: d, label: t(`admin.guard.weekdays.${d}`) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'start']}
                  style={{ marginBottom: 8 }}
                  rules={[
                    { required: true, message: t('app.form.required') },
                    { pattern: TIME_PATTERN, message: t('admin.guard.timeFormat') },
                  ]}
                >
                  <Input style={{ width: 80 }} placeholder="00:00" />
                </Form.Item>
                <span style={{ lineHeight: '32px' }}>–</span>
                <Form.Item
                  name={[field.name, 'end']}
                  style={{ marginBottom: 8 }}
                  rules={[
                    { required: true, message: t('app.form.required') },
                    { pattern: END_TIME_PATTERN, message: t('admin.guard.timeFormat') },
                  ]}
                >
                  <Input style={{ width: 80 }} placeholder="24:00" />
                </Form.Item>
                <Form.Item name={[field.name, 'dayType']} style={{ marginBottom: 8 }}>
                  <Select
                    style={{ width: 150 }}
                    options={DAY_TYPES.map((d) => ({ value: d, label: t(`admin.guard.dayTypes.${d}`) }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('app.actions.delete')}
                />
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ margin: '8px 0 16px' }}
              onClick={() => add({ days: [], start: '00:00', end: '06:00', dayType: 'ANY' })}
              data-testid="policy-window-add"
            >
              {t('admin.guard.addWindow')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Paragraph type="secondary">{t('admin.guard.windowHint')}</Typography.Paragraph>
      <Space align="start" wrap>
        <Form.Item
          name={['config', 'calendar']}
          label={t('admin.guard.calendar')}
          tooltip={t('admin.guard.windowCalendarHint')}
        >
          <CalendarSelect tradingOnly={false} />
        </Form.Item>
        <Form.Item name={['config', 'timeZone']} label={t('admin.guard.timeZone')}>
          <AutoComplete
            style={{ width: 180 }}
            placeholder={t('admin.guard.zoneDefault')}
            options={ZONES.map((z) => ({ value: z }))}
          />
        </Form.Item>
      </Space>
      <Space align="start" wrap>
        <Form.Item
          name={['config', 'allowEmergency']}
          label={t('admin.guard.allowEmergency')}
          valuePropName="checked"
          tooltip={t('admin.guard.allowEmergencyHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name={['config', 'minRisk']}
          label={t('admin.guard.minRisk')}
          tooltip={t('admin.guard.minRiskHint')}
        >
          <RiskSelect />
        </Form.Item>
      </Space>
    </>
  );
}

function MarketHoursConfig() {
  const { t, i18n } = useTranslation();
  const sessionLabel = (s: string) => {
    const key = `admin.calendars.sessionNames.${s}`;
    return i18n.exists(key) ? `${t(key)} (${s})` : s;
  };
  return (
    <>
      <Form.Item
        name={['config', 'calendar']}
        label={t('admin.guard.tradingCalendar')}
        rules={[{ required: true, message: t('app.form.required') }]}
      >
        <CalendarSelect tradingOnly />
      </Form.Item>
      <Form.Item
        name={['config', 'sessions']}
        label={t('admin.guard.sessions')}
        extra={t('admin.guard.sessionsHint')}
      >
        <Select
          mode="tags"
          style={{ width: '100%' }}
          placeholder={t('admin.guard.allSessions')}
          options={SESSIONS.map((s) => ({ value: s, label: sessionLabel(s) }))}
        />
      </Form.Item>
      <Space align="start" wrap>
        <Form.Item
          name={['config', 'marginMinutes']}
          label={t('admin.guard.marginMinutes')}
          tooltip={t('admin.guard.marginHint')}
        >
          <InputNumber min={0} max={240} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name={['config', 'minRisk']}
          label={t('admin.guard.minRisk')}
          tooltip={t('admin.guard.minRiskHint')}
        >
          <RiskSelect />
        </Form.Item>
      </Space>
    </>
  );
}

function AllowlistConfig() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={['config', 'cidrs']}
        label={t('admin.guard.cidrs')}
        extra={t('admin.guard.cidrsHint')}
        rules={[{ required: true, type: 'array', min: 1, message: t('app.form.required') }]}
      >
        <Select
          mode="tags"
          style={{ width: '100%' }}
          tokenSeparators={[',', ' ']}
          placeholder="10.0.0.0/8, 192.168.1.0/24"
          open={false}
          suffixIcon={null}
          data-testid="policy-cidrs"
        />
      </Form.Item>
      <Form.Item
        name={['config', 'minRisk']}
        label={t('admin.guard.minRisk')}
        tooltip={t('admin.guard.minRiskHint')}
      >
        <RiskSelect />
      </Form.Item>
    </>
  );
}

/** Create or edit a guard policy, with the config form of its kind and a JSON preview. */
export default function PolicyDrawer({
  editing,
  onClose,
}: {
  editing: { policy: GuardPolicy | null } | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<PolicyForm>();
  const policy = editing?.policy ?? null;
  const kind = Form.useWatch('kind', form) as PolicyKind | undefined;
  const config = Form.useWatch('config', form);
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    form.setFieldsValue(
      policy
        ? policyToForm(policy)
        : {
            name: '',
            kind: 'WINDOW',
            enabled: true,
            environments: ['prod'],
            operationKinds: [],
            description: '',
            config: emptyConfig('WINDOW'),
          },
    );
  }, [editing, policy, form]);
  const save = useMutation({
    mutationFn: (v: PolicyForm) => {
      const draft = formToDraft(v, policy ?? undefined);
      return policy ? adminApi.updatePolicy(policy.id, draft) : adminApi.createPolicy(draft);
    },
    onSuccess: (p) => {
      void client.invalidateQueries({ queryKey: ['guard-policies'] });
      message.success(t('admin.guard.saved', { name: p.name }));
      onClose();
    },
    onError: (e) =>
      form.setFields(pathFieldErrors(e, t, i18n, FIELDS).map((f) => ({ ...f, name: onListFields(f.name) }))),
  });
  return (
    <Drawer
      open={!!editing}
      size={760}
      title={policy ? t('admin.guard.edit', { name: policy.name }) : t('admin.guard.create')}
      onClose={() => {
        save.reset();
        onClose();
      }}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('app.actions.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="policy-save"
          >
            {t('app.actions.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="policy-form">
        <Space align="start" wrap>
          <Form.Item
            name="name"
            label={t('admin.guard.name')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('app.form.required') }]}
          >
            <Input style={{ width: 360 }} data-testid="policy-name" />
          </Form.Item>
          <Form.Item name="enabled" label={t('admin.guard.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item
          name="kind"
          label={t('admin.guard.kind')}
          rules={[{ required: true, message: t('app.form.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={POLICY_KINDS.map((k) => ({ value: k, label: t(`admin.guard.kinds.${k}`) }))}
            onChange={(e) => {
              const next = e.target.value as PolicyKind;
              form.setFieldValue(
                'config',
                next === policy?.kind ? policyToForm(policy).config : emptyConfig(next),
              );
            }}
            data-testid="policy-kind"
          />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item
            name="environments"
            label={t('admin.guard.environments')}
            tooltip={t('admin.guard.emptyMeansAll')}
          >
            <Select
              mode="tags"
              style={{ width: 300 }}
              placeholder={t('admin.guard.allEnvironments')}
              options={ENVIRONMENTS.map((e) => ({ value: e }))}
            />
          </Form.Item>
          <Form.Item
            name="operationKinds"
            label={t('admin.guard.operationKinds')}
            tooltip={t('admin.guard.operationKindsHint')}
          >
            <Select
              mode="tags"
              style={{ width: 300 }}
              placeholder={t('admin.guard.allOperations')}
              open={false}
              suffixIcon={null}
            />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('admin.guard.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={1000} />
        </Form.Item>
        <Divider titlePlacement="start">
          {kind ? t(`admin.guard.kinds.${kind}`) : t('admin.guard.config')}
        </Divider>
        {kind === 'WINDOW' && <WindowConfig />}
        {kind === 'MARKET_HOURS' && <MarketHoursConfig />}
        {kind === 'SOURCE_ALLOWLIST' && <AllowlistConfig />}
        {kind && (
          <details style={{ marginTop: 8 }}>
            <summary style={{ cursor: 'pointer' }}>{t('admin.guard.jsonPreview')}</summary>
            <pre
              className="ts-mono"
              style={{ fontSize: 12, background: '#fafafa', padding: 8, margin: '8px 0 0' }}
              data-testid="policy-json"
            >
              {JSON.stringify(formToConfig(kind, config ?? {}, policy ?? undefined), null, 2)}
            </pre>
          </details>
        )}
        {save.isError && !allOnPaths(save.error, FIELDS) && (
          <ErrorAlert error={save.error} style={{ marginTop: 16 }} />
        )}
      </Form>
    </Drawer>
  );
}
