import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../app/feature';

const HomePage = lazy(() => import('./home/HomePage'));
const AccountPage = lazy(() => import('./account/AccountPage'));

/** The platform's pages every signed-in user has: home and My account. */
export const platformFeature: Feature = {
  key: 'platform',
  routes: [
    { path: '/', element: <HomePage />, menu: { labelKey: 'home.menu', icon: <HomeOutlined />, order: 0 } },
    { path: '/account', element: <AccountPage />, titleKey: 'account.title' },
  ],
};
