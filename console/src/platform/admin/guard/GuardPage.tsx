import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type GuardDecision, type GuardPolicy, type Risk, type Verdict } from '../../../api/admin';
import { errorMessage, formFieldErrors, allErrorsOnFields } from '../../../api/errors';
import { allowed } from '../../../app/permissions';
import { usePermissions } from '../../../app/session';
import { P } from '../../permissions';
import PolicyDrawer from './PolicyDrawer';
import { RISKS, weekday, WEEKDAYS } from './policyConfig';
import { ErrorAlert, DeleteButton } from '../../../app/feedback';

const VERDICT_COLORS: Record<Verdict, string> = { ALLOW: 'green', DENY: 'red', REQUIRE_APPROVAL: 'orange' };

/** A short human summary of a policy's config for the list. */
function useConfigSummary() {
  const { t } = useTranslation();
  return (p: GuardPolicy) => {
    const c = p.config ?? {};
    if (p.kind === 'WINDOW') {
      const windows = Array.isArray(c.windows) ? (c.windows as Record<string, unknown>[]) : [];
      const text = windows
        .map((w) => {
          const names = Array.isArray(w.days) ? (w.days as string[]).map(weekday) : [];
          const days = names.length
            ? names
                .map((d) =>
                  (WEEKDAYS as readonly string[]).includes(d) ? t(`admin.guard.weekdaysShort.${d}`) : d,
                )
                .join(' ')
            : t('admin.guard.everyDay');
          return `${days} ${String(w.start ?? '')}–${String(w.end ?? '')}`;
        })
        .join('; ');
      return t('admin.guard.windowSummary', {
        mode: t(`admin.guard.modes.${c.mode === 'FORBID' ? 'FORBID' : 'ALLOW'}`),
        windows: text,
      });
    }
    if (p.kind === 'MARKET_HOURS')
      return `${String(c.calendar ?? '')}${typeof c.marginMinutes === 'number' && c.marginMinutes > 0 ? ` ±${c.marginMinutes}′` : ''}`;
    return Array.isArray(c.cidrs) ? (c.cidrs as string[]).join(', ') : '';
  };
}

function PoliciesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canWrite = allowed(P.GUARD_WRITE, usePermissions());
  const summary = useConfigSummary();
  const policies = useQuery({ queryKey: ['guard-policies'], queryFn: adminApi.policies });
  const [editing, setEditing] = useState<{ policy: GuardPolicy | null } | null>(null);
  const remove = useMutation({
    mutationFn: (p: GuardPolicy) => adminApi.deletePolicy(p.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['guard-policies'] }),
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  const all = (list: string[], label: string) =>
    list.length ? (
      list.map((x) => <Tag key={x}>{x}</Tag>)
    ) : (
      <Typography.Text type="secondary">{label}</Typography.Text>
    );
  return (
    <>
      {canWrite && (
        <div style={{ textAlign: 'right', marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ policy: null })}
            data-testid="policy-create"
          >
            {t('admin.guard.create')}
          </Button>
        </div>
      )}
      {policies.isError && <ErrorAlert error={policies.error} style={{ marginBottom: 12 }} />}
      <Table<GuardPolicy>
        rowKey="id"
        size="middle"
        loading={policies.isPending}
        dataSource={policies.data ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('admin.guard.noPolicies') }}
        data-testid="policy-table"
        columns={[
          {
            title: t('admin.guard.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <div>
                <div>{v}</div>
                {p.description && (
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    ellipsis={{ tooltip: p.description }}
                  >
                    {p.description}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('admin.guard.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (k: GuardPolicy['kind']) => <Tag color="geekblue">{t(`admin.guard.kinds.${k}`)}</Tag>,
          },
          {
            title: t('admin.guard.enabled'),
            dataIndex: 'enabled',
            width: 80,
            render: (v: boolean) => (v ? <Tag color="green">{t('app.yes')}</Tag> : <Tag>{t('app.no')}</Tag>),
          },
          {
            title: t('admin.guard.environments'),
            dataIndex: 'environments',
            width: 130,
            render: (v: string[]) => all(v, t('admin.guard.allEnvironments')),
          },
          {
            title: t('admin.guard.operationKinds'),
            dataIndex: 'operationKinds',
            width: 150,
            render: (v: string[]) => all(v, t('admin.guard.allOperations')),
          },
          {
            title: t('admin.guard.config'),
            width: 220,
            ellipsis: true,
            render: (_, p) => <span title={JSON.stringify(p.config)}>{summary(p)}</span>,
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  width: 90,
                  fixed: 'right' as const,
                  render: (_: unknown, p: GuardPolicy) => (
                    <Space size={0}>
                      <Tooltip title={t('admin.guard.editShort')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing({ policy: p })}
                        />
                      </Tooltip>
                      <DeleteButton
                        confirm={t('admin.guard.deleteConfirm', { name: p.name })}
                        onConfirm={() => remove.mutateAsync(p)}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PolicyDrawer editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface EvaluateForm {
  operationKind: string;
  environment: string;
  scope?: string;
  risk: Risk;
  at?: Dayjs | null;
  sourceAddress?: string;
  emergency?: boolean;
  reason?: string;
}

const EVALUATE_FIELDS = [
  'operationKind',
  'environment',
  'scope',
  'risk',
  'at',
  'sourceAddress',
  'emergency',
  'reason',
];

function EvaluateTab() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<EvaluateForm>();
  const emergency = Form.useWatch('emergency', form);
  const evaluate = useMutation({
    mutationFn: (v: EvaluateForm) =>
      adminApi.evaluate({
        operationKind: v.operationKind.trim(),
        environment: v.environment.trim(),
        scope: v.scope?.trim() || undefined,
        risk: v.risk,
        at: v.at ? v.at.format('YYYY-MM-DDTHH:mm:ssZ') : undefined,
        sourceAddress: v.sourceAddress?.trim() || undefined,
        emergency: !!v.emergency,
        reason: v.reason?.trim() || undefined,
      }),
    onError: (e) => form.setFields(formFieldErrors(e, t, i18n, EVALUATE_FIELDS)),
  });
  const reasonText = (code: string) => {
    const key = `admin.guard.reasonCodes.${code}`;
    return i18n.exists(key) ? t(key) : code;
  };
  const result: GuardDecision | undefined = evaluate.data;
  return (
    <Row gutter={24}>
      <Col span={12}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ environment: 'prod', risk: 'MEDIUM', emergency: false }}
          onFinish={(v) => evaluate.mutate(v)}
          data-testid="guard-evaluate-form"
        >
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="operationKind"
                label={t('admin.guard.operationKind')}
                rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
              >
                <Input placeholder="delivery.deploy" data-testid="guard-evaluate-kind" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="environment"
                label={t('admin.guard.environment')}
                rules={[{ required: true, whitespace: true, message: t('app.form.required') }]}
              >
                <AutoComplete options={['prod', 'uat', 'test', 'dev'].map((e) => ({ value: e }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="risk"
                label={t('admin.guard.risk')}
                rules={[{ required: true, message: t('app.form.required') }]}
              >
                <Select options={RISKS.map((r) => ({ value: r, label: t(`admin.guard.risks.${r}`) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="scope" label={t('admin.guard.scope')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="at" label={t('admin.guard.at')} tooltip={t('admin.guard.atHint')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  placeholder={t('admin.guard.now')}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="sourceAddress"
                label={t('admin.guard.sourceAddress')}
                tooltip={t('admin.guard.sourceHint')}
              >
                <Input placeholder="10.1.2.3" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="emergency" label={t('admin.guard.emergency')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="reason" label={t('admin.guard.emergencyReason')}>
                <Input disabled={!emergency} />
              </Form.Item>
            </Col>
          </Row>
          <Button
            type="primary"
            htmlType="submit"
            loading={evaluate.isPending}
            data-testid="guard-evaluate-submit"
          >
            {t('admin.guard.evaluate')}
          </Button>
          {evaluate.isError && !allErrorsOnFields(evaluate.error, EVALUATE_FIELDS) && (
            <ErrorAlert error={evaluate.error} style={{ marginTop: 16 }} />
          )}
        </Form>
      </Col>
      <Col span={12}>
        {result ? (
          <div data-testid="guard-decision" data-decision={result.decision}>
            <Space style={{ marginBottom: 12 }}>
              <Typography.Text strong>{t('admin.guard.decision')}</Typography.Text>
              <Tag color={VERDICT_COLORS[result.decision]} style={{ fontSize: 14, padding: '2px 10px' }}>
                {t(`admin.guard.verdicts.${result.decision}`)}
              </Tag>
            </Space>
            {result.reasons.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('admin.guard.noReasons')}</Typography.Paragraph>
            ) : (
              <Table
                size="small"
                rowKey={(r) => `${r.policyId}-${r.code}`}
                pagination={false}
                dataSource={result.reasons}
                columns={[
                  { title: t('admin.guard.policy'), dataIndex: 'policyName', width: 180 },
                  {
                    title: t('admin.guard.reason'),
                    render: (_, r) => (
                      <div>
                        <div>{reasonText(r.code)}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.message}
                        </Typography.Text>
                      </div>
                    ),
                  },
                ]}
              />
            )}
          </div>
        ) : (
          <Typography.Paragraph type="secondary">{t('admin.guard.evaluateHint')}</Typography.Paragraph>
        )}
      </Col>
    </Row>
  );
}

/** 操作防护: guard policies (change windows, market hours, source allowlists) and a tester. */
export default function GuardPage() {
  const { t } = useTranslation();
  const canEvaluate = allowed(P.GUARD_EVALUATE, usePermissions());
  return (
    <Card title={t('admin.guard.menu')}>
      <Tabs
        items={[
          { key: 'policies', label: t('admin.guard.tabPolicies'), children: <PoliciesTab /> },
          ...(canEvaluate
            ? [{ key: 'evaluate', label: t('admin.guard.tabEvaluate'), children: <EvaluateTab /> }]
            : []),
        ]}
      />
    </Card>
  );
}
