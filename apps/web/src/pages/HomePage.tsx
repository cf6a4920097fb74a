import { Button, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, endpoints, keys } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { StatsOverviewCard } from '../ui/StatsOverviewCard';
import { usePageTitle } from '../ui/usePageTitle';

function ShortcutCard({ title, text, to, link }: { title: string; text: string; to: string; link: string }) {
  return (
    <Card withBorder padding="lg" radius="md" component="section">
      <Stack gap="sm" h="100%" justify="space-between">
        <div>
          <Title order={3} mb="xs">
            {title}
          </Title>
          <Text>{text}</Text>
        </div>
        <Button component={Link} to={to} variant="outline" className="wrap-button">
          {link}
        </Button>
      </Stack>
    </Card>
  );
}

function RelativePeople() {
  const { t } = useTranslation();
  const query = { limit: 50, offset: 0 };
  const people = useQuery({ queryKey: keys.people(query), queryFn: () => endpoints.people(query) });
  if (people.isPending) return <Loading />;
  if (people.isError) return <ErrorMessage error={people.error} />;
  if (people.data.items.length === 0) return <Text>{t('home.relativeEmpty')}</Text>;
  return (
    <List spacing="xs">
      {people.data.items.map((p) => (
        <List.Item key={p.id}>
          <Link className="inline-link" to={`/people/${p.id}`}>
            {t('home.relativeLink', { name: `${p.firstName} ${p.lastName}` })}
          </Link>
          {' · '}
          <Link className="inline-link" to={`/people/${p.id}?tab=ai`}>
            {t('aiHome.relativeAiLink', { name: `${p.firstName} ${p.lastName}` })}
          </Link>
        </List.Item>
      ))}
    </List>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('home.title'));
  const staff = can.isCareStaff(me.role);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('home.greeting', { name: me.displayName })}</Title>
        <Text mt="xs">{t('home.role', { role: t(`roles.${me.role}`) })}</Text>
        {me.facilityName && <Text>{t('home.facility', { facility: me.facilityName })}</Text>}
      </div>

      {me.role === 'relative' && (
        <section aria-labelledby="relative-title">
          <Title order={2} id="relative-title" mb="sm">
            {t('home.relativeTitle')}
          </Title>
          <RelativePeople />
        </section>
      )}

      {me.role === 'user_representative' && <StatsOverviewCard />}

      <section aria-labelledby="shortcuts-title">
        <Title order={2} id="shortcuts-title" mb="sm">
          {t('home.shortcuts')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {staff && <ShortcutCard title={t('home.peopleCardTitle')} text={t('home.peopleCardText')} to="/people" link={t('home.peopleCardLink')} />}
          {can.createPerson(me.role) && (
            <ShortcutCard title={t('home.newPersonCardTitle')} text={t('home.newPersonCardText')} to="/people/new" link={t('home.newPersonCardLink')} />
          )}
          {can.seeAccessLog(me.role) && (
            <ShortcutCard title={t('home.accessLogCardTitle')} text={t('home.accessLogCardText')} to="/people" link={t('home.accessLogCardLink')} />
          )}
          {can.seeProposals(me.role) && (
            <ShortcutCard title={t('aiHome.proposalsTitle')} text={t('aiHome.proposalsText')} to="/proposals" link={t('aiHome.proposalsLink')} />
          )}
          {can.handleReviewRequests(me.role) && (
            <ShortcutCard title={t('aiHome.reviewsTitle')} text={t('aiHome.reviewsText')} to="/review-requests" link={t('aiHome.reviewsLink')} />
          )}
          {can.seeRegister(me.role) && (
            <ShortcutCard title={t('aiHome.registerTitle')} text={t('aiHome.registerText')} to="/ai" link={t('aiHome.registerLink')} />
          )}
          {can.seeAiFigures(me.role) && (
            <ShortcutCard title={t('aiHome.figuresTitle')} text={t('aiHome.figuresText')} to="/ai/figures" link={t('aiHome.figuresLink')} />
          )}
          <ShortcutCard title={t('home.accountCardTitle')} text={t('home.accountCardText')} to="/account" link={t('home.accountCardLink')} />
        </SimpleGrid>
      </section>
    </Stack>
  );
}
