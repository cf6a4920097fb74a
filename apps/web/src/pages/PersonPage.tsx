import { Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { can, endpoints, keys } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';
import { IdentitySection } from './person/IdentitySection';
import { ProfileSection } from './person/ProfileSection';
import { CapacitiesSection } from './person/CapacitiesSection';
import { ContactsSection } from './person/ContactsSection';
import { CarePlanSection } from './person/CarePlanSection';
import { AiRightsSection } from './person/AiRightsSection';
import { ActivitiesSection } from './person/ActivitiesSection';
import { NotesSection } from './person/NotesSection';
import { AssessmentsSection } from './person/AssessmentsSection';
import { AppointmentsSection } from './person/AppointmentsSection';
import { SynthesisSection } from './person/SynthesisSection';
import { TelemonitoringSection } from './person/TelemonitoringSection';

const TABS = [
  'identity',
  'profile',
  'capacities',
  'contacts',
  'plan',
  'notes',
  'assessments',
  'appointments',
  'synthesis',
  'telemonitoring',
  'activities',
  'ai',
] as const;
type Tab = (typeof TABS)[number];

export function PersonPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const person = useQuery({ queryKey: keys.person(id), queryFn: () => endpoints.person(id) });
  const name = person.data ? `${person.data.firstName} ${person.data.lastName}` : null;
  usePageTitle(name);

  const requested = params.get('tab');
  const allowed: Partial<Record<Tab, boolean>> = {
    notes: can.readNotes(me.role),
    assessments: can.readAssessments(me.role),
    appointments: can.readAppointments(me.role),
    synthesis: can.readSyntheses(me.role),
    telemonitoring: can.readTelemonitoring(me.role),
  };
  const tabs = TABS.filter((x) => allowed[x] !== false);
  const tab: Tab = tabs.find((x) => x === requested) ?? 'identity';

  if (person.isPending) return <Loading />;
  if (person.isError) {
    return (
      <Stack>
        <Title order={1}>{t('errors.notFound')}</Title>
        <ErrorMessage error={person.error} />
      </Stack>
    );
  }
  const p = person.data;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>
            {p.firstName} {p.lastName.toUpperCase()}
          </Title>
          <Group gap="xs" mt={4}>
            <Text>{t('person.summary', { age: t('person.age', { count: p.age }), facility: p.facilityName })}</Text>
            {p.room && <Text>· {t('person.room', { room: p.room })}</Text>}
            <Badge color="gray.8" size="lg">
              {t(`statuses.${p.status}`)}
            </Badge>
          </Group>
        </div>
        <Group gap="xs">
          {can.editIdentity(me.role) && (
            <Button component={Link} to={`/people/${p.id}/edit`} variant="outline">
              {t('person.editIdentity')}
            </Button>
          )}
          {can.seeAccessLog(me.role) && (
            <Button component={Link} to={`/people/${p.id}/access-log`} variant="outline">
              {t('person.accessLog')}
            </Button>
          )}
        </Group>
      </Group>

      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'identity' ? { tab: v } : {}, { replace: true })}>
        <Tabs.List aria-label={t('person.tabs')}>
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`person.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="identity" pt="md">
          <IdentitySection person={p} />
        </Tabs.Panel>
        <Tabs.Panel value="profile" pt="md">
          <ProfileSection person={p} canEdit={can.editProfile(me.role)} />
        </Tabs.Panel>
        <Tabs.Panel value="capacities" pt="md">
          <CapacitiesSection person={p} canAdd={can.addCapacity(me.role)} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsSection person={p} canEdit={can.editContacts(me.role)} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <CarePlanSection person={p} canEdit={can.editPlan(me.role)} />
        </Tabs.Panel>
        {tabs.includes('notes') && (
          <Tabs.Panel value="notes" pt="md">
            <NotesSection person={p} />
          </Tabs.Panel>
        )}
        {tabs.includes('assessments') && (
          <Tabs.Panel value="assessments" pt="md">
            <AssessmentsSection person={p} />
          </Tabs.Panel>
        )}
        {tabs.includes('appointments') && (
          <Tabs.Panel value="appointments" pt="md">
            <AppointmentsSection person={p} />
          </Tabs.Panel>
        )}
        {tabs.includes('synthesis') && (
          <Tabs.Panel value="synthesis" pt="md">
            <SynthesisSection person={p} />
          </Tabs.Panel>
        )}
        {tabs.includes('telemonitoring') && (
          <Tabs.Panel value="telemonitoring" pt="md">
            {tab === 'telemonitoring' && <TelemonitoringSection person={p} />}
          </Tabs.Panel>
        )}
        <Tabs.Panel value="activities" pt="md">
          <ActivitiesSection person={p} />
        </Tabs.Panel>
        <Tabs.Panel value="ai" pt="md">
          <AiRightsSection person={p} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
