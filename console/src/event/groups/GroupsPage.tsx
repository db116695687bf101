import { AimOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { groupingApi, type AlertGroup } from '../pendingApi';
import { LabelTags, QueryError, SeverityTag, Time } from '../shared';

/** 告警组: alert groups with their probable root cause (根因). */
export default function GroupsPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<string>('OPEN');
  const groups = useInfiniteQuery({
    queryKey: ['event-groups', state],
    queryFn: ({ pageParam }) =>
      groupingApi.groups({ state: state === 'ALL' ? undefined : [state], cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const rows = groups.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('event.groups.menu')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={state}
          onChange={(v) => setState(String(v))}
          options={['OPEN', 'PENDING', 'RESOLVED', 'ALL'].map((s) => ({
            value: s,
            label: t(`event.groups.states.${s}`),
          }))}
        />
      </Space>
      <QueryError error={groups.error} />
      {!groups.error && (
        <>
          <Table<AlertGroup>
            size="small"
            rowKey="id"
            loading={groups.isPending}
            dataSource={rows}
            pagination={false}
            data-testid="groups-table"
            columns={[
              { key: 'sev', width: 90, render: (_, g) => <SeverityTag severity={g.severity} /> },
              {
                title: t('event.groups.group'),
                key: 'labels',
                render: (_, g) => (
                  <Space orientation="vertical" size={2}>
                    <Link to={`/events/groups/${g.id}`}>
                      <LabelTags labels={g.groupLabels} max={4} />
                    </Link>
                    {g.ruleName && <Typography.Text type="secondary">{g.ruleName}</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: t('event.groups.rootCause'),
                key: 'root',
                render: (_, g) =>
                  g.rootCauseAlertId != null ? (
                    <Link to={`/events/alerts/${g.rootCauseAlertId}`}>
                      <Tag color="magenta" icon={<AimOutlined />} data-testid="group-root-cause">
                        {`#${g.rootCauseAlertId}`}
                      </Tag>
                    </Link>
                  ) : (
                    <Typography.Text type="secondary">{t('event.groups.noRootCause')}</Typography.Text>
                  ),
              },
              {
                title: t('event.groups.alerts'),
                key: 'n',
                width: 90,
                align: 'right',
                render: (_, g) => `${g.activeCount} / ${g.alertCount}`,
              },
              {
                title: t('event.groups.state'),
                key: 'state',
                width: 90,
                render: (_, g) => <Tag>{t(`event.groups.states.${g.state}`, { defaultValue: g.state })}</Tag>,
              },
              {
                title: t('event.groups.createdAt'),
                key: 'f',
                width: 170,
                render: (_, g) => <Time at={g.createdAt} />,
              },
              {
                title: t('event.groups.lastNotifiedAt'),
                key: 'l',
                width: 170,
                render: (_, g) => <Time at={g.resolvedAt ?? g.lastNotifiedAt ?? g.notifiedAt} />,
              },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            {groups.hasNextPage && (
              <Button onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage}>
                {t('app.actions.loadMore')}
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
