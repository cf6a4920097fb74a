import { useEffect, useRef } from 'react';
import { Box, Button, Container, Group, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { can, endpoints, keys } from '../api';
import { useMe } from './auth';
import { Preferences } from './Preferences';
import { MAIN_ID, SkipLink } from './SkipLink';

/** "Propositions" in the navigation, with the number waiting for a decision. */
function ProposalsNavLabel() {
  const { t } = useTranslation();
  const pending = useQuery({
    queryKey: keys.pendingCount,
    queryFn: () => endpoints.proposals({ status: 'pending', limit: 1, offset: 0 }),
    select: (page) => page.total,
    staleTime: 60_000,
  });
  const count = pending.data ?? 0;
  return (
    <>
      {t('aiNav.proposals')}
      {count > 0 && (
        <>
          <span className="nav-count" aria-hidden="true">
            {count}
          </span>
          <VisuallyHidden>{t('aiNav.pending', { count })}</VisuallyHidden>
        </>
      )}
    </>
  );
}

/** Layout of every signed-in page: skip link, header with navigation and preferences, main. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // After each page change, move focus to the main region so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  const logout = async () => {
    try {
      await endpoints.logout();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(keys.me, null);
      void navigate('/login', { replace: true });
    }
  };

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <Container size="lg" py="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Link to="/" className="brand">
              {t('app.name')}
            </Link>
            <Group gap="sm" wrap="wrap">
              <Text>
                {t('header.signedInAs', { name: me.displayName })} · {t(`roles.${me.role}`)}
              </Text>
              <Button variant="outline" onClick={() => void logout()}>
                {t('header.logout')}
              </Button>
            </Group>
          </Group>
          <Group justify="space-between" wrap="wrap" gap="xs" mt="xs">
            <nav aria-label={t('header.mainNav')}>
              <Group gap={4} wrap="wrap" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                <li>
                  <NavLink to="/" end className="nav-link">
                    {t('nav.home')}
                  </NavLink>
                </li>
                {can.listPeople(me.role) && (
                  <li>
                    <NavLink to="/people" className="nav-link">
                      {t('nav.people')}
                    </NavLink>
                  </li>
                )}
                {can.seeProposals(me.role) && (
                  <li>
                    <NavLink to="/proposals" className="nav-link">
                      <ProposalsNavLabel />
                    </NavLink>
                  </li>
                )}
                {can.planWeek(me.role) && (
                  <li>
                    <NavLink to="/planning" className="nav-link">
                      {t('planningNav.planning')}
                    </NavLink>
                  </li>
                )}
                {can.seeSessions(me.role) && (
                  <li>
                    <NavLink to="/sessions" className="nav-link">
                      {t('planningNav.sessions')}
                    </NavLink>
                  </li>
                )}
                {can.manageRosters(me.role) && (
                  <li>
                    <NavLink to="/rosters" className="nav-link">
                      {t('rosterNav.rosters')}
                    </NavLink>
                  </li>
                )}
                {can.seeOwnRoster(me.role) && (
                  <li>
                    <NavLink to="/my-roster" className="nav-link">
                      {t('rosterNav.mine')}
                    </NavLink>
                  </li>
                )}
                {can.seeTelemonitoring(me.role) && (
                  <li>
                    <NavLink to="/telemonitoring" className="nav-link">
                      {t('tm.nav')}
                    </NavLink>
                  </li>
                )}
                {can.seeRegister(me.role) && (
                  <li>
                    <NavLink to="/ai" className="nav-link">
                      {t('aiNav.register')}
                    </NavLink>
                  </li>
                )}
                {(can.handleComplaints(me.role) || can.seeComplaintStats(me.role)) && (
                  <li>
                    <NavLink to="/complaints" className="nav-link">
                      {t('complaints.nav')}
                    </NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/surveys" className="nav-link">
                    {t('surveys.nav')}
                  </NavLink>
                </li>
                {(can.recordContactTime(me.role) || can.seeUsageReport(me.role)) && (
                  <li>
                    <NavLink to="/time" className="nav-link">
                      {t('timeBack.nav')}
                    </NavLink>
                  </li>
                )}
                {can.seePanel(me.role) && (
                  <li>
                    <NavLink to="/panel" className="nav-link">
                      {t('panel.nav')}
                    </NavLink>
                  </li>
                )}
                {can.handleReviewRequests(me.role) && (
                  <li>
                    <NavLink to="/review-requests" className="nav-link">
                      {t('aiNav.reviewRequests')}
                    </NavLink>
                  </li>
                )}
                {can.takeLiteracy(me.role) && (
                  <li>
                    <NavLink to="/literacy" className="nav-link">
                      {t('literacy.nav')}
                    </NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/account" className="nav-link">
                    {t('nav.account')}
                  </NavLink>
                </li>
              </Group>
            </nav>
            <Preferences />
          </Group>
        </Container>
      </header>
      <Box component="main" id={MAIN_ID} tabIndex={-1}>
        <Container size="lg" py="lg">
          <Outlet />
        </Container>
      </Box>
    </>
  );
}
