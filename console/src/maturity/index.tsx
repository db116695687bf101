import { ApiOutlined, AuditOutlined, BookOutlined, RadarChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../app/feature';
import { M } from './permissions';

const FrameworksPage = lazy(() => import('./frameworks/FrameworksPage'));
const AssessmentsPage = lazy(() => import('./assessments/AssessmentsPage'));
const AssessmentPage = lazy(() => import('./assessments/AssessmentPage'));
const ProbesPage = lazy(() => import('./probes/ProbesPage'));
const ReportPage = lazy(() => import('./report/ReportPage'));

/** 成熟度评估 Maturity: frameworks, assessments, probes (automatic evidence) and reports. */
export const maturityFeature: Feature = {
  key: 'maturity',
  groups: [{ key: 'maturity', labelKey: 'maturity.menu', icon: <RadarChartOutlined />, order: 700 }],
  routes: [
    {
      path: '/maturity/assessments',
      element: <AssessmentsPage />,
      permission: M.READ,
      menu: { labelKey: 'maturity.assessments.menu', icon: <AuditOutlined />, group: 'maturity', order: 10 },
    },
    {
      path: '/maturity/assessments/:id',
      element: <AssessmentPage />,
      permission: M.READ,
      titleKey: 'maturity.assessment.title',
      group: 'maturity',
    },
    {
      path: '/maturity/assessments/:id/report',
      element: <ReportPage />,
      permission: M.READ,
      titleKey: 'maturity.report.title',
      group: 'maturity',
    },
    {
      path: '/maturity/frameworks',
      element: <FrameworksPage />,
      permission: M.READ,
      menu: { labelKey: 'maturity.frameworks.menu', icon: <BookOutlined />, group: 'maturity', order: 20 },
    },
    {
      path: '/maturity/probes',
      element: <ProbesPage />,
      permission: M.READ,
      menu: { labelKey: 'maturity.probes.menu', icon: <ApiOutlined />, group: 'maturity', order: 30 },
    },
  ],
};
