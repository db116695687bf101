import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { C } from '../permissions';
import {
  downloadUrl,
  importApi,
  type Charset,
  type ExportFormat,
  type ImportJob,
  type ImportKind,
  type RowError,
} from './api';
import { applyChoices, cellLabel, problemsByRow, validPercent, type ApplyRows } from './report';

const FORMATS: ExportFormat[] = ['csv', 'csv-gbk', 'xlsx'];

/** 导入导出: the import wizard (model → file → dry-run report → apply → result) and exports. */
export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const canWrite = allowed(C.CI_WRITE, permissions);
  const canRelate = allowed(C.RELATION_WRITE, permissions);
  const [kind, setKind] = useState<ImportKind>('cis');
  const [model, setModel] = useState<string>();
  const [charset, setCharset] = useState<Charset>('auto');
  const [job, setJob] = useState<ImportJob>();
  const [rows, setRows] = useState<ApplyRows>('all');
  const models = useQuery({ queryKey: ['cmdb-models'], queryFn: importApi.models });
  const modelName = (code?: string | null) => {
    const m = models.data?.find((x) => x.code === code);
    if (!m) return code ?? '';
    return i18n.language === 'en' && m.nameEn ? m.nameEn : m.name;
  };

  const dryRun = useMutation({
    mutationFn: (file: File) => importApi.dryRun(kind, model, charset, file),
    onSuccess: (created) => {
      setJob(created);
      setRows(applyChoices(created.report.counts).preferred ?? 'validOnly');
    },
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  const apply = useMutation({
    mutationFn: () => importApi.apply(job!.id, rows),
    onSuccess: setJob,
    onError: async (e) => {
      // "all" refused: the server stored the fresh report; show it
      if (e instanceof ApiError && e.code === 'cmdb.import.invalid-rows' && job) {
        setJob(await importApi.get(job.id));
      }
      message.error(errorMessage(e, t, i18n));
    },
  });

  const ready = kind === 'relations' || !!model;
  const step = !ready ? 0 : !job ? 1 : job.status === 'APPLIED' ? 3 : 2;
  const restart = () => {
    setJob(undefined);
    dryRun.reset();
    apply.reset();
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="cmdb-import-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('cmdb.import.title')}
      </Typography.Title>
      {models.error && <ErrorAlert error={models.error} />}
      <Card title={t('cmdb.import.importTitle')}>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('cmdb.import.steps.model') },
            { title: t('cmdb.import.steps.file') },
            { title: t('cmdb.import.steps.report') },
            { title: t('cmdb.import.steps.result') },
          ]}
        />
        <Space wrap style={{ marginBottom: 16 }}>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              restart();
            }}
            optionType="button"
            options={[
              { value: 'cis', label: t('cmdb.import.kinds.cis') },
              { value: 'relations', label: t('cmdb.import.kinds.relations'), disabled: !canRelate },
            ]}
          />
          {kind === 'cis' && (
            <Select
              showSearch
              placeholder={t('cmdb.import.chooseModel')}
              style={{ width: 260 }}
              value={model}
              loading={models.isLoading}
              optionFilterProp="label"
              onChange={(v: string) => {
                setModel(v);
                restart();
              }}
              options={(models.data ?? []).map((m) => ({
                value: m.code,
                label: `${modelName(m.code)} (${m.code})`,
              }))}
              data-testid="cmdb-import-model"
            />
          )}
          <Select
            value={charset}
            style={{ width: 200 }}
            onChange={(v: Charset) => setCharset(v)}
            options={(['auto', 'UTF-8', 'GBK'] as Charset[]).map((c) => ({
              value: c,
              label: t(`cmdb.import.charsets.${c === 'UTF-8' ? 'utf8' : c === 'GBK' ? 'gbk' : 'auto'}`),
            }))}
            data-testid="cmdb-import-charset"
          />
        </Space>
        {ready && !job && (
          <Upload.Dragger
            accept=".csv,.xlsx,.txt,text/csv"
            showUploadList={false}
            disabled={!canWrite || dryRun.isPending}
            beforeUpload={(file) => {
              dryRun.mutate(file);
              return false;
            }}
            data-testid="cmdb-import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {dryRun.isPending ? t('cmdb.import.checking') : t('cmdb.import.dropHint')}
            </p>
            <p className="ant-upload-hint">
              {t(kind === 'cis' ? 'cmdb.import.fileHint' : 'cmdb.import.relationHint')}
            </p>
          </Upload.Dragger>
        )}
        {dryRun.error && <ErrorAlert error={dryRun.error} />}
        {job && <Report job={job} modelName={modelName(job.model)} />}
        {job && job.status === 'PREVIEWED' && (
          <ApplyBar
            job={job}
            rows={rows}
            onRows={setRows}
            pending={apply.isPending}
            onApply={() => apply.mutate()}
            onCancel={restart}
          />
        )}
        {job && job.status === 'APPLIED' && job.report.applied && (
          <Result
            status={job.report.applied.skipped > 0 ? 'warning' : 'success'}
            title={t('cmdb.import.done')}
            subTitle={t('cmdb.import.doneSummary', { ...job.report.applied })}
            extra={
              <Button type="primary" onClick={restart} data-testid="cmdb-import-again">
                {t('cmdb.import.again')}
              </Button>
            }
            data-testid="cmdb-import-result"
          />
        )}
      </Card>
      {kind === 'cis' && model && (
        <Card title={t('cmdb.import.exportTitle', { model: modelName(model) })}>
          <Space wrap>
            {FORMATS.map((f) => (
              <Button
                key={f}
                icon={<DownloadOutlined />}
                href={downloadUrl('export', model, f)}
                data-testid={`cmdb-export-${f}`}
              >
                {t(`cmdb.import.formats.${f}`)}
              </Button>
            ))}
            <Typography.Text type="secondary">{t('cmdb.import.templates')}</Typography.Text>
            {(['xlsx', 'csv'] as ExportFormat[]).map((f) => (
              <Button
                key={f}
                type="link"
                href={downloadUrl('template', model, f)}
                data-testid={`cmdb-template-${f}`}
              >
                {t(`cmdb.import.formats.${f}`)}
              </Button>
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('cmdb.import.exportHint')}
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}

function Report({ job, modelName }: { job: ImportJob; modelName: string }) {
  const { t, i18n } = useTranslation();
  const { counts } = job.report;
  const text = (e: RowError) => {
    const key = `errors.${e.code}`;
    return i18n.exists(key) ? `${t(key)} — ${e.message}` : e.message;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="cmdb-import-report">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('cmdb.import.file')}>{job.fileName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cmdb.import.target')}>
          {job.kind === 'CIS' ? modelName : t('cmdb.import.kinds.relations')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cmdb.import.format')}>
          {job.format}
          {job.charset ? ` · ${job.charset}` : ''}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        {(['rows', 'create', 'update', 'unchanged', 'invalid'] as const).map((k) => (
          <Col key={k} xs={12} md={4}>
            <Statistic
              title={t(`cmdb.import.counts.${k}`)}
              value={counts[k]}
              styles={k === 'invalid' && counts.invalid > 0 ? { content: { color: '#cf1322' } } : undefined}
            />
          </Col>
        ))}
        <Col xs={24} md={4}>
          <Progress type="circle" size={64} percent={validPercent(counts)} />
        </Col>
      </Row>
      {job.report.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('cmdb.import.duplicates', { count: job.report.duplicates.length })}
          description={job.report.duplicates.slice(0, 10).map((d) => (
            <div key={`${d.key}-${d.value}`}>
              <Tag>{d.key}</Tag> {d.value} — {t('cmdb.import.rows', { rows: d.rows.join(', ') })}
            </div>
          ))}
        />
      )}
      {job.report.errorsTruncated && (
        <Alert type="info" showIcon title={t('cmdb.import.truncated', { shown: job.report.errors.length })} />
      )}
      {job.report.errors.length > 0 && (
        <Table
          size="small"
          rowKey="row"
          data-testid="cmdb-import-errors"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={problemsByRow(job.report.errors)}
          columns={[
            { title: t('cmdb.import.row'), dataIndex: 'row', width: 80 },
            {
              title: t('cmdb.import.problems'),
              render: (_, r) =>
                r.errors.map((e, i) => (
                  <div key={i}>
                    <Tag color="red">{cellLabel(e)}</Tag>
                    {text(e)}
                  </div>
                )),
            },
          ]}
        />
      )}
    </Space>
  );
}

function ApplyBar(props: {
  job: ImportJob;
  rows: ApplyRows;
  onRows: (rows: ApplyRows) => void;
  pending: boolean;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const choices = applyChoices(props.job.report.counts);
  const nothing = !choices.all && !choices.validOnly;
  return (
    <Space orientation="vertical" style={{ marginTop: 16 }}>
      {nothing && <Alert type="error" showIcon title={t('cmdb.import.nothingValid')} />}
      <Radio.Group value={props.rows} onChange={(e) => props.onRows(e.target.value as ApplyRows)}>
        <Radio value="all" disabled={!choices.all} data-testid="cmdb-import-rows-all">
          {t('cmdb.import.rowsAll')}
        </Radio>
        <Radio value="validOnly" disabled={!choices.validOnly} data-testid="cmdb-import-rows-valid">
          {t('cmdb.import.rowsValidOnly', {
            count: props.job.report.counts.rows - props.job.report.counts.invalid,
          })}
        </Radio>
      </Radio.Group>
      <Space>
        <Button
          type="primary"
          disabled={nothing || (props.rows === 'all' && !choices.all)}
          loading={props.pending}
          onClick={props.onApply}
          data-testid="cmdb-import-apply"
        >
          {t('cmdb.import.apply', { count: choices.changes })}
        </Button>
        <Button onClick={props.onCancel}>{t('app.actions.cancel')}</Button>
      </Space>
    </Space>
  );
}
