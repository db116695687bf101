import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/errors';
import { platformApi } from '../api/platform';
import { features } from './features';
import { LanguageSwitch } from './LanguageSwitch';
import { markRendered } from './perf';
import { buildMenu, routeFor } from './permissions';
import { markSignedOut, SESSION_KEY, usePermissions, useSession } from './session';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: side menu by module, header with language and user menu, breadcrumb. */
export function AppShell() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const permissions = usePermissions();
  useEffect(markRendered, []);

  const sections = useMemo(() => buildMenu(features, permissions), [permissions]);
  const items: MenuProps['items'] = sections.flatMap((s) => {
    const entries = s.entries.map((e) => ({
      key: e.path,
      icon: e.icon,
      label: (
        <Link to={e.path} data-testid={`menu-${e.path}`}>
          {t(e.labelKey)}
        </Link>
      ),
    }));
    return s.group
      ? [
          {
            key: `group:${s.group.key}`,
            icon: s.group.icon,
            label: <span data-testid={`menu-group-${s.group.key}`}>{t(s.group.labelKey)}</span>,
            children: entries,
          },
        ]
      : entries;
  });
  const openKeys = sections.filter((s) => s.group).map((s) => `group:${s.group!.key}`);
  const current = routeFor(features, location.pathname);
  const selected = current?.route.menu ? [current.route.path] : [];

  const logout = async () => {
    try {
      await platformApi.logout();
    } catch (e) {
      message.error(errorMessage(e, t, i18n));
    }
    markSignedOut();
    navigate('/login', { replace: true });
    queryClient.setQueryData(SESSION_KEY, { authenticated: false, stage: 'NONE', permissions: [] });
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  };

  const userMenu: MenuProps = {
    items: [
      {
        key: 'account',
        icon: <UserOutlined />,
        label: <span data-testid="user-menu-account">{t('app.userMenu.account')}</span>,
      },
      { type: 'divider' },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        label: <span data-testid="user-menu-logout">{t('app.userMenu.logout')}</span>,
      },
    ],
    onClick: ({ key }) => (key === 'account' ? navigate('/account') : void logout()),
  };

  const titleKey = current?.route.titleKey ?? current?.route.menu?.labelKey;
  const crumbs = [
    { title: <Link to="/">{t('app.name')}</Link> },
    ...(current?.group ? [{ title: t(current.group.labelKey) }] : []),
    ...(titleKey && current?.route.path !== '/' ? [{ title: t(titleKey) }] : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={220} theme="dark" breakpoint="lg" collapsible>
        <Link
          to="/"
          style={{
            display: 'block',
            padding: '16px 20px',
            color: '#fff',
            fontSize: 18,
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <img
            src="/favicon.svg"
            alt=""
            width={24}
            height={24}
            style={{ verticalAlign: -6, marginRight: 8 }}
          />
          {t('app.name')}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected}
          defaultOpenKeys={openKeys}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Breadcrumb items={crumbs} data-testid="breadcrumb" />
          <Space size="large">
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <a data-testid="user-menu" onClick={(e) => e.preventDefault()}>
                <Space>
                  <UserOutlined />
                  <Typography.Text>{session?.user?.displayName || session?.user?.username}</Typography.Text>
                  <DownOutlined />
                </Space>
              </a>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
