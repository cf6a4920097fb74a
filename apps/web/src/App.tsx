import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { isApiError, keys, setUnauthorizedHandler } from './api';
import { theme, cssVariablesResolver } from './ui/theme';
import { RequireAuth } from './ui/auth';
import { AppLayout } from './ui/AppLayout';
import { PublicLayout } from './ui/PublicLayout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { PeopleListPage } from './pages/PeopleListPage';
import { PersonFormPage } from './pages/PersonFormPage';
import { PersonPage } from './pages/PersonPage';
import { AccessLogPage } from './pages/AccessLogPage';
import { AccountPage } from './pages/AccountPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProposalsPage } from './pages/ProposalsPage';
import { ProposalPage } from './pages/ProposalPage';
import { AiRegisterPage } from './pages/AiRegisterPage';
import { AiFiguresPage } from './pages/AiFiguresPage';
import { ReviewRequestsPage } from './pages/ReviewRequestsPage';
import { PlanningPage } from './pages/PlanningPage';
import { SessionsPage } from './pages/SessionsPage';
import { ProgrammePage } from './pages/ProgrammePage';
import { CataloguePage } from './pages/CataloguePage';
import { PlanningSetupPage } from './pages/PlanningSetupPage';
import { RostersPage } from './pages/RostersPage';
import { RosterSetupPage } from './pages/RosterSetupPage';
import { MyRosterPage } from './pages/MyRosterPage';
import { TelemonitoringPage } from './pages/TelemonitoringPage';
import { ComplaintsPage } from './pages/ComplaintsPage';
import { SurveysPage } from './pages/SurveysPage';
import { SurveyAnswerPage } from './pages/SurveyAnswerPage';
import { SurveyResultsPage } from './pages/SurveyResultsPage';
import { TimeGivenBackPage } from './pages/TimeGivenBackPage';
import { PanelPage, PanelSessionPage } from './pages/PanelPage';
import { EquityPage } from './pages/EquityPage';
import { LiteracyModulePage, LiteracyPage } from './pages/LiteracyPage';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (4xx) are answers, not glitches: do not retry them.
      retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      // Every read of a person's record is audited: no refetch just because the window regained focus.
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

// Any 401 (expired session, password changed elsewhere): forget everything; RequireAuth then goes to /login.
setUnauthorizedHandler(() => {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  queryClient.setQueryData(keys.me, null);
});

const router = createBrowserRouter([
  { element: <PublicLayout />, children: [{ path: '/login', element: <LoginPage /> }] },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'people', element: <PeopleListPage /> },
      { path: 'people/new', element: <PersonFormPage mode="create" /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'people/:id/edit', element: <PersonFormPage mode="edit" /> },
      { path: 'people/:id/access-log', element: <AccessLogPage /> },
      { path: 'proposals', element: <ProposalsPage /> },
      { path: 'proposals/:id', element: <ProposalPage /> },
      { path: 'ai', element: <AiRegisterPage /> },
      { path: 'ai/figures', element: <AiFiguresPage /> },
      { path: 'review-requests', element: <ReviewRequestsPage /> },
      { path: 'planning', element: <PlanningPage /> },
      { path: 'planning/setup', element: <PlanningSetupPage /> },
      { path: 'sessions', element: <SessionsPage /> },
      { path: 'programme', element: <ProgrammePage /> },
      { path: 'activities', element: <CataloguePage /> },
      { path: 'rosters', element: <RostersPage /> },
      { path: 'rosters/setup', element: <RosterSetupPage /> },
      { path: 'my-roster', element: <MyRosterPage /> },
      { path: 'telemonitoring', element: <TelemonitoringPage /> },
      { path: 'complaints', element: <ComplaintsPage /> },
      { path: 'surveys', element: <SurveysPage /> },
      { path: 'surveys/:id/answer', element: <SurveyAnswerPage /> },
      { path: 'surveys/:id/results', element: <SurveyResultsPage /> },
      { path: 'time', element: <TimeGivenBackPage /> },
      { path: 'panel', element: <PanelPage /> },
      { path: 'panel/:id', element: <PanelSessionPage /> },
      { path: 'equity', element: <EquityPage /> },
      { path: 'literacy', element: <LiteracyPage /> },
      { path: 'literacy/:slug', element: <LiteracyModulePage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
