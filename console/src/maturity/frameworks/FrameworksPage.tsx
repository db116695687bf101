import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Select, Space, Table, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/feedback';
import { maturityApi, type FrameworkNode } from '../api';
import { flatten, pick } from '../logic';

function toTree(
  nodes: FrameworkNode[],
  lang: string,
): { key: string; title: string; children: ReturnType<typeof toTree> }[] {
  return nodes.map((n) => ({ key: n.id, title: pick(n.name, lang), children: toTree(n.children, lang) }));
}

/** 框架浏览: class → domain → item → level → criteria, in both languages with clause references. */
export default function FrameworksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useQuery({ queryKey: ['maturity-frameworks'], queryFn: maturityApi.frameworks });
  const [chosen, setChosen] = useState<string>();
  const frameworkId = chosen ?? list.data?.[0]?.id;
  const framework = useQuery({
    queryKey: ['maturity-framework', frameworkId],
    queryFn: () => maturityApi.framework(frameworkId!),
    enabled: !!frameworkId,
  });
  const [selected, setSelected] = useState<string>();
  const nodes = useMemo(() => (framework.data ? flatten(framework.data.nodes) : []), [framework.data]);
  const node = nodes.find((n) => n.node.id === selected)?.node;
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select
          style={{ minWidth: 420 }}
          value={frameworkId}
          onChange={(v) => {
            setChosen(v);
            setSelected(undefined);
          }}
          options={(list.data ?? []).map((f) => ({
            value: f.id,
            label: `${f.id} ${pick(f.title, lang)} (${t('maturity.frameworks.counts', { nodes: f.nodes, criteria: f.criteria })})`,
          }))}
          placeholder={t('maturity.frameworks.choose')}
        />
        {framework.data && <Typography.Text type="secondary">{framework.data.source}</Typography.Text>}
      </Space>
      {list.data?.length === 0 && <Empty description={t('maturity.frameworks.none')} />}
      {framework.error && <ErrorAlert error={framework.error} />}
      {framework.data && (
        <Row gutter={16}>
          <Col xs={24} md={9}>
            <Card size="small" style={{ maxHeight: '75vh', overflow: 'auto' }}>
              <Tree
                treeData={toTree(framework.data.nodes, lang)}
                onSelect={(keys) => setSelected(keys[0] as string | undefined)}
                selectedKeys={selected ? [selected] : []}
                defaultExpandAll={false}
              />
            </Card>
          </Col>
          <Col xs={24} md={15}>
            {!node ? (
              <Empty description={t('maturity.frameworks.pick')} />
            ) : (
              <Card size="small" title={`${node.name.zh} · ${node.name.en}`}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('maturity.frameworks.id')}>{node.id}</Descriptions.Item>
                  <Descriptions.Item label={t('maturity.frameworks.kind')}>{node.kind}</Descriptions.Item>
                  <Descriptions.Item label={t('maturity.frameworks.clause')}>{node.clause}</Descriptions.Item>
                  {node.description && (
                    <Descriptions.Item label={t('maturity.frameworks.description')}>
                      {pick(node.description, lang)}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                {node.levels.map((level) => (
                  <div key={level.level} style={{ marginTop: 12 }}>
                    <Typography.Title level={5}>
                      {t('maturity.levelN', { level: level.level })}
                      {level.sameAs ? (
                        <Tag style={{ marginLeft: 8 }}>
                          {t('maturity.frameworks.sameAs', { level: level.sameAs })}
                        </Tag>
                      ) : null}
                    </Typography.Title>
                    <Table
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={level.criteria}
                      columns={[
                        { title: t('maturity.frameworks.point'), dataIndex: 'point', width: 60 },
                        {
                          title: t('maturity.frameworks.summary'),
                          render: (_, c) => (
                            <>
                              <div>{c.summary.zh}</div>
                              <Typography.Text type="secondary">{c.summary.en}</Typography.Text>
                            </>
                          ),
                        },
                        { title: t('maturity.frameworks.clause'), dataIndex: 'clause', width: 200 },
                      ]}
                    />
                  </div>
                ))}
              </Card>
            )}
          </Col>
        </Row>
      )}
    </Space>
  );
}
