import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
// not lazy: the login page is the first screen most visits show, so it ships with the entry chunk
import LoginPage from '../platform/login/LoginPage';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import type { PermissionRequirement } from './feature';
import { features } from './features';
import { allowed, allRoutes, requirementsOf } from './permissions';
import { isComplete, markSignedIn, usePermissions, useSession, wasSignedIn } from './session';

// the signed-in frame and the status pages (big illustrations) load after the login page
const AppShell = lazy(() => import('./AppShell').then((m) => ({ default: m.AppShell })));
const ForbiddenPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFoundPage })));

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

/** Only signed-in (stage COMPLETE) sessions pass; others go to /login, told when it expired. */
function RequireSession() {
  const { data, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (!isComplete(data)) {
    const from = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?${wasSignedIn() ? 'expired=1&' : ''}from=${from}`} replace />;
  }
  markSignedIn();
  return (
    <Suspense fallback={<PageLoading />}>
      <AppShell />
    </Suspense>
  );
}

/** Shows the page only to users meeting every requirement; others see the forbidden page. */
export function RequirePermission({
  requirements,
  children,
}: {
  requirements: PermissionRequirement[];
  children: ReactNode;
}) {
  const permissions = usePermissions();
  return requirements.every((r) => allowed(r, permissions)) ? (
    <>{children}</>
  ) : (
    <Suspense fallback={<PageLoading />}>
      <ForbiddenPage />
    </Suspense>
  );
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/login',
      element: <LoginPage />,
    },
    {
      element: <RequireSession />,
      children: [
        ...allRoutes(features).map((r) => ({
          path: r.path,
          element: (
            <RequirePermission requirements={requirementsOf(features, r)}>
              <Suspense fallback={<PageLoading />}>{r.element}</Suspense>
            </RequirePermission>
          ),
        })),
        {
          path: '/forbidden',
          element: (
            <Suspense fallback={<PageLoading />}>
              <ForbiddenPage />
            </Suspense>
          ),
        },
        {
          path: '*',
          element: (
            <Suspense fallback={<PageLoading />}>
              <NotFoundPage />
            </Suspense>
          ),
        },
      ],
    },
    { path: '/index.html', element: <Navigate to="/" replace /> },
  ]);
}
