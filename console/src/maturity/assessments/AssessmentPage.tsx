import {
  CheckOutlined,
  FileTextOutlined,
  RobotOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { ErrorAlert } from '../../app/feedback';
import { allowed } from '../../app/permissions';
import { usePermissions } from '../../app/session';
import { maturityApi, type FrameworkNode } from '../api';
import { flatten, levelOf, pick, progress } from '../logic';
import { M } from '../permissions';
import { STATUS_COLORS } from './AssessmentsPage';
import { CriterionForm } from './CriterionForm';

/** 评估向导: answer criteria node by node, pre-fill from probes, submit, return or sign off. */
export default function AssessmentPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const permissions = usePermissions();
  const detail = useQuery({
    queryKey: ['maturity-assessment', id],
    queryFn: () => maturityApi.assessment(id),
  });
  const frameworkId = detail.data?.assessment.frameworkId;
  const framework = useQuery({
    queryKey: ['maturity-framework', frameworkId],
    queryFn: () => maturityApi.framework(frameworkId!),
    enabled: !!frameworkId,
  });
  const [selected, setSelected] = useState<string>();
  const [note, setNote] = useState('');
  const [reviewing, setReviewing] = useState<'return' | 'sign-off' | null>(null);
  const answers = detail.data?.answers ?? {};
  const simple = useMemo(
    () => Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.answer])),
    [answers],
  );
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['maturity-assessment', id] });
    void client.invalidateQueries({ queryKey: ['maturity-assessments'] });
  };
  const act = useMutation({
    mutationFn: async (action: 'prefill' | 'submit' | 'return' | 'sign-off') => {
      if (action === 'prefill') {
        const r = await maturityApi.prefill(id);
        message.success(t('maturity.assessment.prefilled', r));
      } else if (action === 'submit') await maturityApi.submit(id);
      else if (action === 'return') await maturityApi.returnToAssessors(id, note);
      else await maturityApi.signOff(id, note);
    },
    onSuccess: () => {
      setReviewing(null);
      setNote('');
      refresh();
    },
    onError: (e) => message.error(errorMessage(e, t, i18n)),
  });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return null;
  const a = detail.data.assessment;
  const editable = a.status === 'DRAFT' && allowed(M.ASSESS, permissions);
  const nodes = framework.data ? flatten(framework.data.nodes) : [];
  const node = nodes.find((n) => n.node.id === selected)?.node;
  const toTree = (list: FrameworkNode[]): { key: string; title: React.ReactNode; children: unknown[] }[] =>
    list.map((n) => {
      const p = progress(n, answers);
      return {
        key: n.id,
        title: (
          <span>
            {pick(n.name, lang)}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.levels.length ? `L${levelOf(n, simple)} · ` : ''}
              {p.answered}/{p.total}
            </Typography.Text>
          </span>
        ),
        children: toTree(n.children),
      };
    });
  const total = framework.data
    ? progress({ ...framework.data.nodes[0], children: framework.data.nodes, levels: [] }, answers)
    : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {a.title} <Tag color={STATUS_COLORS[a.status]}>{t(`maturity.status.${a.status}`)}</Tag>
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('maturity.assessments.framework')}>
                {framework.data ? `${a.frameworkId} ${pick(framework.data.title, lang)}` : a.frameworkId}
              </Descriptions.Item>
              <Descriptions.Item label={t('maturity.assessments.assessors')}>
                {a.assessors.join(', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('maturity.assessments.reviewer')}>{a.reviewer}</Descriptions.Item>
            </Descriptions>
          </Space>
          <Space wrap>
            {editable && (
              <Button icon={<RobotOutlined />} loading={act.isPending} onClick={() => act.mutate('prefill')}>
                {t('maturity.assessment.prefill')}
              </Button>
            )}
            {editable && (
              <Button
                icon={<SendOutlined />}
                onClick={() =>
                  modal.confirm({
                    title: t('maturity.assessment.submitConfirm'),
                    onOk: () => act.mutateAsync('submit'),
                  })
                }
              >
                {t('maturity.assessment.submit')}
              </Button>
            )}
            {a.status === 'IN_REVIEW' && allowed(M.REVIEW, permissions) && (
              <>
                <Button icon={<RollbackOutlined />} onClick={() => setReviewing('return')}>
                  {t('maturity.assessment.return')}
                </Button>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setReviewing('sign-off')}>
                  {t('maturity.assessment.signOff')}
                </Button>
              </>
            )}
            <Link to={`/maturity/assessments/${id}/report`}>
              <Button icon={<FileTextOutlined />}>{t('maturity.report.open')}</Button>
            </Link>
          </Space>
        </Space>
        {total && (
          <Progress
            percent={total.total ? Math.round((100 * total.answered) / total.total) : 0}
            size="small"
          />
        )}
        {a.reviewNote && (
          <Alert type="info" showIcon message={t('maturity.assessment.reviewNote', { note: a.reviewNote })} />
        )}
        {a.status === 'SIGNED_OFF' && (
          <Alert
            type="success"
            showIcon
            message={t('maturity.assessment.frozen', { by: a.signedOffBy, at: a.signedOffAt })}
          />
        )}
      </Card>
      {framework.error && <ErrorAlert error={framework.error} />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card size="small" style={{ maxHeight: '75vh', overflow: 'auto' }}>
            {framework.data && (
              <Tree
                treeData={toTree(framework.data.nodes) as never}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys[0] as string | undefined)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={16}>
          {!node || !node.levels.length ? (
            <Empty description={t('maturity.assessment.pickNode')} />
          ) : (
            <div>
              <Typography.Title level={5}>
                {pick(node.name, lang)} <Typography.Text type="secondary">{node.clause}</Typography.Text>{' '}
                <Tag color="blue">{t('maturity.levelN', { level: levelOf(node, simple) })}</Tag>
              </Typography.Title>
              {node.levels.map((level) => (
                <div key={level.level}>
                  <Typography.Text strong>{t('maturity.levelN', { level: level.level })}</Typography.Text>
                  {level.sameAs && (
                    <Tag style={{ marginLeft: 8 }}>
                      {t('maturity.frameworks.sameAs', { level: level.sameAs })}
                    </Tag>
                  )}
                  {level.criteria.map((c) => (
                    <CriterionForm
                      key={`${c.id}-${answers[c.id]?.answeredAt ?? ''}-${answers[c.id]?.attachments.length ?? 0}`}
                      assessmentId={id}
                      criterion={c}
                      current={answers[c.id]}
                      editable={editable}
                    />
                  ))}
                </div>
              ))}
            </div>
          )}
        </Col>
      </Row>
      <Modal
        open={reviewing !== null}
        title={t(reviewing === 'return' ? 'maturity.assessment.return' : 'maturity.assessment.signOff')}
        onCancel={() => setReviewing(null)}
        onOk={() => reviewing && act.mutate(reviewing)}
        confirmLoading={act.isPending}
      >
        {reviewing === 'sign-off' && (
          <Alert type="warning" showIcon message={t('maturity.assessment.signOffWarning')} />
        )}
        <Input.TextArea
          style={{ marginTop: 8 }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('maturity.assessment.note')}
        />
      </Modal>
    </Space>
  );
}
