import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { maturityApi, type ProbeView, type Verdict } from '../api';
import { EvidenceLinks } from '../EvidenceLinks';
import { pick } from '../logic';
import { M } from '../permissions';

export const VERDICT_COLORS: Record<Verdict, string> = {
  MET: 'green',
  NOT_MET: 'red',
  NOT_OBSERVABLE: 'default',
};
const BINDING_COLORS = { bound: 'green', 'partly-bound': 'orange', unbound: 'default' } as const;

/** 自动取证: the probes, what they are bound to, their latest verdicts with evidence. */
export default function ProbesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const client = useQueryClient();
  const probes = useQuery({ queryKey: ['maturity-probes'], queryFn: maturityApi.probes });
  const run = useMutation({
    mutationFn: maturityApi.runProbes,
    onSuccess: (r) => {
      message.success(t('maturity.probes.ran', { count: r.results.length }));
      void client.invalidateQueries({ queryKey: ['maturity-probes'] });
    },
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  if (probes.error) return <ErrorAlert error={probes.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('maturity.probes.intro')}</Typography.Paragraph>
      {allowed(M.ASSESS, usePermissions()) && (
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={run.isPending}
          onClick={() => run.mutate()}
        >
          {t('maturity.probes.run')}
        </Button>
      )}
      <Table<ProbeView>
        rowKey="id"
        loading={probes.isLoading}
        dataSource={probes.data}
        pagination={false}
        columns={[
          {
            title: t('maturity.probes.probe'),
            render: (_, p) => (
              <>
                <div>{pick(p.title, lang)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.id} v{p.version}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('maturity.probes.criteria'),
            render: (_, p) => (
              <Space direction="vertical" size={2}>
                <Tag color={BINDING_COLORS[p.status]}>{t(`maturity.probes.binding.${p.status}`)}</Tag>
                {p.criteria.map((c) => (
                  <Tooltip
                    key={c}
                    title={p.unbound.includes(c) ? t('maturity.probes.unboundHint') : undefined}
                  >
                    <Typography.Text
                      type={p.unbound.includes(c) ? 'secondary' : undefined}
                      delete={p.unbound.includes(c)}
                      style={{ fontSize: 12 }}
                    >
                      {c}
                    </Typography.Text>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            title: t('maturity.probes.verdict'),
            render: (_, p) =>
              p.latest ? (
                <Tag color={VERDICT_COLORS[p.latest.verdict]}>
                  {t(`maturity.verdicts.${p.latest.verdict}`)}
                </Tag>
              ) : (
                t('maturity.probes.never')
              ),
          },
          {
            title: t('maturity.probes.evidence'),
            render: (_, p) =>
              p.latest && (
                <Space direction="vertical" size={2}>
                  <span>{pick(p.latest.summary, lang)}</span>
                  {p.latest.ids.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.latest.ids.join(', ')}
                    </Typography.Text>
                  )}
                  <EvidenceLinks links={p.latest.links} />
                </Space>
              ),
          },
          {
            title: t('maturity.probes.at'),
            render: (_, p) => (p.latest ? new Date(p.latest.evaluatedAt).toLocaleString(lang) : ''),
          },
        ]}
      />
    </Space>
  );
}
