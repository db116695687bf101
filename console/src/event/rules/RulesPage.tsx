import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorMessage, formFieldErrors } from '../../api/errors';
import { DeleteButton, ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { cisApi } from '../../cmdb/cis/api';
import {
  integrationsApi,
  rulesApi,
  SEVERITIES,
  type EnrichmentRule,
  type SignalRule,
  type SignalRuleDraft,
} from '../api';
import { formatMatcher, formatPlainMatcher, type Matcher } from '../matchers';
import {
  absentIfNull,
  GROUP_BY_SPECIAL,
  groupingApi,
  inhibitApi,
  type GroupingRule,
  type InhibitRule,
} from '../pendingApi';
import { E } from '../permissions';
import { MatcherEditor, MatcherTags, QueryError, SeverityTag, toRows, validMatchers } from '../shared';
import { badPairLines, formatPairs, parsePairs } from './pairs';

type Row = { id: string; name: string };

/**
 * One tab of rules: a table and a create/edit dialog; `toValues`/`toDraft` convert between the
 * rule and its form; field errors of the answer are shown at their fields.
 */
function RuleTab<R extends Row, V extends object>({
  queryKey,
  list,
  save,
  remove,
  columns,
  fields,
  toValues,
  intro,
}: {
  queryKey: string;
  list: () => Promise<R[]>;
  save: (id: string | undefined, v: V) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
  columns: TableColumnsType<R>;
  fields: (form: FormInstance<V>) => ReactNode;
  toValues: (r?: R) => V;
  intro: string;
}) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<V>();
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  const rules = useQuery({ queryKey: [queryKey], queryFn: list, retry: false });
  const known = [
    'name',
    'position',
    'enabled',
    'matchers',
    'sourceMatchers',
    'targetMatchers',
    'equal',
    'groupBy',
    'continue',
    'description',
    'groupWait',
    'groupInterval',
    'label',
    'pattern',
    'ciModel',
    'attribute',
    'action',
    'setLabels',
    'renameLabels',
    'setSeverity',
    'integrationId',
  ];
  const saved = useMutation({
    mutationFn: (v: V) => save(editing && editing !== 'new' ? editing.id : undefined, v),
    onSuccess: () => {
      void message.success(t('event.common.saved'));
      setEditing(null);
      void client.invalidateQueries({ queryKey: [queryKey] });
    },
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, known)),
  });
  const removed = useMutation({
    mutationFn: remove,
    onSuccess: () => {
      void message.success(t('event.common.deleted'));
      void client.invalidateQueries({ queryKey: [queryKey] });
    },
  });
  const open = (r: R | 'new') => {
    setEditing(r);
    saved.reset();
    form.resetFields();
    form.setFieldsValue(toValues(r === 'new' ? undefined : r) as Parameters<typeof form.setFieldsValue>[0]);
  };
  const unavailable = !!rules.error;
  return (
    <>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      {!unavailable && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => open('new')}
          style={{ marginBottom: 12 }}
          data-testid={`${queryKey}-create`}
        >
          {t('event.common.create')}
        </Button>
      )}
      <QueryError error={rules.error} />
      {removed.error && <ErrorAlert error={removed.error} style={{ marginBottom: 12 }} />}
      {!unavailable && (
        <Table<R>
          size="small"
          rowKey="id"
          loading={rules.isPending}
          dataSource={rules.data ?? []}
          pagination={false}
          data-testid={`${queryKey}-table`}
          columns={[
            { title: t('event.common.name'), dataIndex: 'name' },
            ...columns,
            {
              key: 'actions',
              width: 110,
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => open(r)}>
                    {t('event.common.edit')}
                  </Button>
                  <DeleteButton
                    confirm={t('event.common.deleteConfirm', { name: r.name })}
                    onConfirm={() => removed.mutate(r.id)}
                  />
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        width={760}
        title={editing === 'new' ? t('event.common.create') : t('event.common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => saved.mutate(v))}
        confirmLoading={saved.isPending}
        forceRender
      >
        {saved.error && (
          <ErrorAlert
            error={new Error(formErrorMessage(saved.error, t, i18n, known))}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('event.common.name')}
            rules={[{ required: true, message: t('app.form.required') }]}
          >
            <Input />
          </Form.Item>
          {fields(form)}
        </Form>
      </Modal>
    </>
  );
}

function useMatcherRule() {
  const { t } = useTranslation();
  return {
    validator: (_: unknown, v: Matcher[] | undefined) =>
      validMatchers(v).length > 0 && validMatchers(v).length === (v ?? []).length
        ? Promise.resolve()
        : Promise.reject(new Error(t('event.rules.matchersRequired'))),
  };
}

const enabledCol = (t: (k: string) => string) => ({
  title: t('event.common.enabled'),
  key: 'enabled',
  width: 80,
  render: (_: unknown, r: { enabled: boolean }) =>
    r.enabled ? (
      <Tag color="green">{t('event.common.enabled')}</Tag>
    ) : (
      <Tag>{t('event.common.disabled')}</Tag>
    ),
});

interface SignalValues {
  name: string;
  position: number;
  enabled: boolean;
  integrationId?: string;
  matchers: Matcher[];
  action: 'DROP' | 'TRANSFORM';
  setLabels?: string;
  renameLabels?: string;
  setSeverity?: SignalRuleDraft['setSeverity'];
}

function SignalRules() {
  const { t } = useTranslation();
  const matcherRule = useMatcherRule();
  const mayIntegrations = allowed(E.INTEGRATION_MANAGE, usePermissions());
  const integrations = useQuery({
    queryKey: ['event-integrations'],
    queryFn: integrationsApi.list,
    enabled: mayIntegrations,
  });
  const name = (id?: string | null) =>
    id ? (integrations.data?.find((i) => i.id === id)?.name ?? id.slice(0, 8)) : t('event.common.any');
  const pairsRule = {
    validator: (_: unknown, v?: string) =>
      badPairLines(v).length
        ? Promise.reject(new Error(t('event.rules.pairsInvalid', { lines: badPairLines(v).join(', ') })))
        : Promise.resolve(),
  };
  return (
    <RuleTab<SignalRule, SignalValues>
      queryKey="event-signal-rules"
      intro={t('event.rules.signalIntro')}
      list={rulesApi.signalRules}
      remove={rulesApi.deleteSignalRule}
      save={(id, v) =>
        rulesApi.saveSignalRule(id, {
          name: v.name,
          position: v.position,
          enabled: v.enabled,
          integrationId: v.integrationId || null,
          matchers: validMatchers(v.matchers).map(formatPlainMatcher),
          action: v.action,
          setLabels: v.action === 'TRANSFORM' ? parsePairs(v.setLabels) : {},
          renameLabels: v.action === 'TRANSFORM' ? parsePairs(v.renameLabels) : {},
          setSeverity: v.action === 'TRANSFORM' ? (v.setSeverity ?? null) : null,
        })
      }
      toValues={(r) =>
        r
          ? {
              ...r,
              integrationId: r.integrationId ?? undefined,
              matchers: toRows(r.matchers),
              setLabels: formatPairs(r.setLabels),
              renameLabels: formatPairs(r.renameLabels),
              setSeverity: r.setSeverity ?? undefined,
            }
          : {
              name: '',
              position: 100,
              enabled: true,
              matchers: [{ name: '', op: '=', value: '' }],
              action: 'DROP',
            }
      }
      columns={[
        { title: t('event.common.position'), dataIndex: 'position', width: 70 },
        {
          title: t('event.rules.action'),
          key: 'action',
          width: 90,
          render: (_, r) => (
            <Tag color={r.action === 'DROP' ? 'red' : 'blue'}>{t(`event.rules.actions.${r.action}`)}</Tag>
          ),
        },
        {
          title: t('event.matchers.title'),
          key: 'm',
          render: (_, r) => <MatcherTags matchers={r.matchers} />,
        },
        {
          title: t('event.rules.integration'),
          key: 'i',
          width: 140,
          render: (_, r) => name(r.integrationId),
        },
        { title: t('event.rules.hits'), dataIndex: 'hits', width: 80, align: 'right' },
        enabledCol(t),
      ]}
      fields={(form) => (
        <>
          <Space wrap>
            <Form.Item name="position" label={t('event.common.position')}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="enabled" label={t('event.common.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="integrationId" label={t('event.rules.integration')}>
              <Select
                allowClear
                style={{ width: 220 }}
                placeholder={t('event.common.any')}
                options={(integrations.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
              />
            </Form.Item>
            <Form.Item name="action" label={t('event.rules.action')}>
              <Radio.Group
                optionType="button"
                options={(['DROP', 'TRANSFORM'] as const).map((a) => ({
                  value: a,
                  label: t(`event.rules.actions.${a}`),
                }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="matchers" label={t('event.matchers.title')} rules={[matcherRule]}>
            <MatcherEditor testId="signal-matchers" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.action !== b.action}>
            {() =>
              form.getFieldValue('action') === 'TRANSFORM' && (
                <>
                  <Form.Item
                    name="setLabels"
                    label={t('event.rules.setLabels')}
                    extra={t('event.rules.pairsHint')}
                    rules={[pairsRule]}
                  >
                    <Input.TextArea rows={3} className="ts-mono" placeholder="team=dba" />
                  </Form.Item>
                  <Form.Item
                    name="renameLabels"
                    label={t('event.rules.renameLabels')}
                    extra={t('event.rules.renameHint')}
                    rules={[pairsRule]}
                  >
                    <Input.TextArea rows={2} className="ts-mono" placeholder="hostname=host" />
                  </Form.Item>
                  <Form.Item name="setSeverity" label={t('event.rules.setSeverity')}>
                    <Select
                      allowClear
                      style={{ width: 160 }}
                      options={SEVERITIES.map((s) => ({ value: s, label: <SeverityTag severity={s} /> }))}
                    />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
        </>
      )}
    />
  );
}

function EnrichmentRules() {
  const { t, i18n } = useTranslation();
  const models = useQuery({ queryKey: ['cmdb-models'], queryFn: cisApi.models, retry: false });
  return (
    <RuleTab<EnrichmentRule, Omit<EnrichmentRule, 'id' | 'createdAt' | 'updatedAt'>>
      queryKey="event-enrichment-rules"
      intro={t('event.rules.enrichmentIntro')}
      list={rulesApi.enrichmentRules}
      remove={rulesApi.deleteEnrichmentRule}
      save={(id, v) =>
        rulesApi.saveEnrichmentRule(id, { ...v, pattern: v.pattern || null, ciModel: v.ciModel || null })
      }
      toValues={(r) =>
        r
          ? { ...r }
          : { name: '', position: 100, enabled: true, label: '', attribute: '', pattern: '', ciModel: 'host' }
      }
      columns={[
        { title: t('event.common.position'), dataIndex: 'position', width: 70 },
        { title: t('event.rules.label'), dataIndex: 'label', render: (v: string) => <code>{v}</code> },
        {
          title: t('event.rules.pattern'),
          dataIndex: 'pattern',
          render: (v?: string) => (v ? <code>{v}</code> : '—'),
        },
        {
          title: t('event.rules.ciModel'),
          dataIndex: 'ciModel',
          render: (v?: string) => v || t('event.common.any'),
        },
        {
          title: t('event.rules.attribute'),
          dataIndex: 'attribute',
          render: (v: string) => <code>{v}</code>,
        },
        enabledCol(t),
      ]}
      fields={() => (
        <>
          <Space wrap>
            <Form.Item name="position" label={t('event.common.position')}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="enabled" label={t('event.common.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item
              name="label"
              label={t('event.rules.label')}
              rules={[{ required: true, message: t('app.form.required') }]}
            >
              <Input className="ts-mono" placeholder="instance" />
            </Form.Item>
            <Form.Item name="pattern" label={t('event.rules.pattern')} extra={t('event.rules.patternHint')}>
              <Input className="ts-mono" placeholder="([^:]+)(:\d+)?" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="ciModel" label={t('event.rules.ciModel')}>
              <Select
                allowClear
                showSearch
                style={{ width: 220 }}
                options={(models.data ?? []).map((m) => ({
                  value: m.code,
                  label: `${i18n.language.startsWith('zh') ? m.name : m.nameEn || m.name} (${m.code})`,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="attribute"
              label={t('event.rules.attribute')}
              rules={[{ required: true, message: t('app.form.required') }]}
            >
              <Input className="ts-mono" placeholder="hostname" />
            </Form.Item>
          </Space>
        </>
      )}
    />
  );
}

type GroupingValues = Omit<GroupingRule, 'id' | 'matchers' | 'position' | 'createdAt' | 'updatedAt'> & {
  matchers: Matcher[];
};

const GROUP_BY_HINTS = ['alertname', ...GROUP_BY_SPECIAL, 'cluster', 'service', 'instance'];

function GroupingRules() {
  const { t } = useTranslation();
  return (
    <RuleTab<GroupingRule, GroupingValues>
      queryKey="event-grouping-rules"
      intro={t('event.rules.groupingIntro')}
      list={groupingApi.rules}
      remove={groupingApi.deleteRule}
      save={(id, v) =>
        groupingApi.saveRule(
          id,
          absentIfNull({
            ...v,
            matchers: validMatchers(v.matchers).map(formatMatcher),
            groupBy: (v.groupBy ?? []).filter((alt) => alt && alt.length > 0),
          }),
        )
      }
      toValues={(r) =>
        r
          ? {
              name: r.name,
              enabled: r.enabled,
              matchers: toRows(r.matchers),
              groupBy: r.groupBy?.length ? r.groupBy : [[]],
              continue: r.continue,
              groupWait: r.groupWait,
              groupInterval: r.groupInterval,
              description: r.description,
            }
          : {
              name: '',
              enabled: true,
              matchers: [],
              groupBy: [['alertname', '@business_system']],
              continue: false,
              groupWait: '30s',
              groupInterval: '5m',
            }
      }
      columns={[
        {
          title: t('event.matchers.title'),
          key: 'm',
          render: (_, r) =>
            r.matchers?.length ? <MatcherTags matchers={r.matchers} /> : t('event.common.any'),
        },
        {
          title: t('event.rules.groupBy'),
          key: 'g',
          render: (_, r) =>
            (r.groupBy ?? []).map((alt, i) => (
              <Space key={i} size={2} wrap>
                {i > 0 && <Typography.Text type="secondary">{t('event.rules.groupByOr')}</Typography.Text>}
                {alt.map((g) => (
                  <Tag key={g}>{t(`event.rules.groupByNames.${g}`, { defaultValue: g })}</Tag>
                ))}
              </Space>
            )),
        },
        { title: t('event.rules.groupWait'), dataIndex: 'groupWait', width: 90 },
        { title: t('event.rules.groupInterval'), dataIndex: 'groupInterval', width: 90 },
        enabledCol(t),
      ]}
      fields={() => (
        <>
          <Form.Item name="enabled" label={t('event.common.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="matchers"
            label={t('event.matchers.title')}
            extra={t('event.rules.groupingMatchersHint')}
          >
            <MatcherEditor testId="grouping-matchers" />
          </Form.Item>
          <Form.Item label={t('event.rules.groupBy')} extra={t('event.rules.groupByHint')} required>
            <Form.List name="groupBy">
              {(alternatives, { add, remove }) => (
                <>
                  {alternatives.map((alt, i) => (
                    <Space key={alt.key} align="baseline" style={{ display: 'flex' }}>
                      {i > 0 && (
                        <Typography.Text type="secondary">{t('event.rules.groupByOr')}</Typography.Text>
                      )}
                      <Form.Item
                        name={alt.name}
                        rules={[{ required: true, type: 'array', min: 1, message: t('app.form.required') }]}
                        style={{ minWidth: 420, marginBottom: 8 }}
                      >
                        <Select
                          mode="tags"
                          data-testid={`grouping-group-by-${i}`}
                          options={GROUP_BY_HINTS.map((g) => ({
                            value: g,
                            label: t(`event.rules.groupByNames.${g}`, { defaultValue: g }),
                          }))}
                        />
                      </Form.Item>
                      {alternatives.length > 1 && <MinusCircleOutlined onClick={() => remove(alt.name)} />}
                    </Space>
                  ))}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add([])}>
                    {t('event.rules.groupByAdd')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item
            name="continue"
            label={t('event.rules.continue')}
            extra={t('event.rules.continueHint')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Form.Item name="description" label={t('event.rules.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="groupWait"
              label={t('event.rules.groupWait')}
              extra={t('event.rules.groupWaitHint')}
            >
              <Input style={{ width: 120 }} placeholder="30s" />
            </Form.Item>
            <Form.Item
              name="groupInterval"
              label={t('event.rules.groupInterval')}
              extra={t('event.rules.groupIntervalHint')}
            >
              <Input style={{ width: 120 }} placeholder="5m" />
            </Form.Item>
          </Space>
        </>
      )}
    />
  );
}

type InhibitValues = Omit<InhibitRule, 'id' | 'sourceMatchers' | 'targetMatchers'> & {
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
};

function InhibitRules() {
  const { t } = useTranslation();
  const matcherRule = useMatcherRule();
  return (
    <RuleTab<InhibitRule, InhibitValues>
      queryKey="event-inhibit-rules"
      intro={t('event.rules.inhibitIntro')}
      list={inhibitApi.rules}
      remove={inhibitApi.remove}
      save={(id, v) =>
        inhibitApi.save(id, {
          ...v,
          sourceMatchers: validMatchers(v.sourceMatchers).map(formatMatcher),
          targetMatchers: validMatchers(v.targetMatchers).map(formatMatcher),
          equal: v.equal ?? [],
        })
      }
      toValues={(r) =>
        r
          ? { ...r, sourceMatchers: toRows(r.sourceMatchers), targetMatchers: toRows(r.targetMatchers) }
          : {
              name: '',
              enabled: true,
              sourceMatchers: [{ name: 'severity', op: '=', value: 'critical' }],
              targetMatchers: [{ name: 'severity', op: '=~', value: 'warning|minor' }],
              equal: ['alertname', 'instance'],
            }
      }
      columns={[
        {
          title: t('event.rules.sourceMatchers'),
          key: 's',
          render: (_, r) => <MatcherTags matchers={r.sourceMatchers} />,
        },
        {
          title: t('event.rules.targetMatchers'),
          key: 't',
          render: (_, r) => <MatcherTags matchers={r.targetMatchers} />,
        },
        {
          title: t('event.rules.equal'),
          key: 'e',
          render: (_, r) => (r.equal ?? []).map((l) => <Tag key={l}>{l}</Tag>),
        },
        enabledCol(t),
      ]}
      fields={() => (
        <>
          <Form.Item name="enabled" label={t('event.common.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="sourceMatchers"
            label={t('event.rules.sourceMatchers')}
            extra={t('event.rules.sourceHint')}
            rules={[matcherRule]}
          >
            <MatcherEditor testId="inhibit-source" />
          </Form.Item>
          <Form.Item
            name="targetMatchers"
            label={t('event.rules.targetMatchers')}
            extra={t('event.rules.targetHint')}
            rules={[matcherRule]}
          >
            <MatcherEditor testId="inhibit-target" />
          </Form.Item>
          <Form.Item name="equal" label={t('event.rules.equal')} extra={t('event.rules.equalHint')}>
            <Select mode="tags" />
          </Form.Item>
        </>
      )}
    />
  );
}

/** 规则: drop/transform, enrichment, grouping and inhibit rules. */
export default function RulesPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('event.rules.menu')}>
      <Tabs
        items={[
          { key: 'signal', label: t('event.rules.tabs.signal'), children: <SignalRules /> },
          { key: 'enrichment', label: t('event.rules.tabs.enrichment'), children: <EnrichmentRules /> },
          { key: 'grouping', label: t('event.rules.tabs.grouping'), children: <GroupingRules /> },
          { key: 'inhibit', label: t('event.rules.tabs.inhibit'), children: <InhibitRules /> },
        ]}
      />
    </Card>
  );
}
