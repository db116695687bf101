import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from '../api/client';
import { createAppRouter } from './router';
import { SESSION_KEY } from './session';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// a 401 from any API call: the session ended (expired, or signed out elsewhere) → back to login
setUnauthorizedHandler(() => {
  queryClient.setQueryData(SESSION_KEY, { authenticated: false, stage: 'NONE', permissions: [] });
  if (!window.location.pathname.startsWith('/login')) {
    const from = window.location.pathname + window.location.search;
    window.location.assign(`/login?expired=1&from=${encodeURIComponent(from)}`);
  }
});

const router = createAppRouter();

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
    document.documentElement.lang = i18n.language;
  }, [zh, i18n.language]);
  // a reader who asked the system for less motion gets no zooming dialogs or sliding drawers
  const reducedMotion = useReducedMotion();
  const theme = useMemo(
    () => ({ token: { colorPrimary: '#1d39c4', borderRadius: 4, motion: !reducedMotion } }),
    [reducedMotion],
  );
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
