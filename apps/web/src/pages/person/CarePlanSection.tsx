import { useState } from 'react';
import { Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CarePlan, PersonDetail } from '@presence/shared';
import { can } from '../../api';
import { AiLabel } from '../../ui/AiLabel';
import { useMe } from '../../ui/auth';
import { DefinitionList } from '../../ui/DefinitionList';
import { formatDate } from '../../ui/format';
import { CarePlanForm } from './CarePlanForm';
import { SavedNotice } from './SavedNotice';

function PlanView({ plan }: { plan: CarePlan }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="md">
      <DefinitionList
        rows={[
          [t('plan.startDate'), formatDate(plan.startDate)],
          [t('plan.reviewDate'), formatDate(plan.reviewDate)],
          [t('plan.personAgreement'), t(`agreements.${plan.personAgreement}`)],
          [t('plan.agreementNote'), plan.agreementNote ?? t('common.notProvided')],
        ]}
      />
      <Text>{t('plan.createdAt', { date: formatDate(plan.createdAt) })}</Text>
      <Title order={3}>{t('plan.goals')}</Title>
      {plan.goals.length === 0 ? (
        <Text>{t('plan.noGoals')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder striped>
            <VisuallyHidden component="caption">{t('plan.goals')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plan.goalTitle')}</Table.Th>
                <Table.Th scope="col">{t('plan.goalDomain')}</Table.Th>
                <Table.Th scope="col">{t('plan.goalTargetDate')}</Table.Th>
                <Table.Th scope="col">{t('plan.goalStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.goals.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    <Text fw={700}>{g.title}</Text>
                    {g.description && <Text>{g.description}</Text>}
                    {g.aiLabel && <AiLabel label={g.aiLabel} linkToProposal={can.seeProposals(me.role)} />}
                  </Table.Td>
                  <Table.Td>{t(`goalDomains.${g.domain}`)}</Table.Td>
                  <Table.Td>{g.targetDate ? formatDate(g.targetDate) : ''}</Table.Td>
                  <Table.Td>{t(`goalStatuses.${g.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function CarePlanSection({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="md">
        <Title order={2} id="plan-title">
          {t('person.plan')}
        </Title>
        {canEdit && !editing && (
          <Button
            variant="outline"
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            {t('plan.newPlan')}
          </Button>
        )}
      </Group>
      <SavedNotice message={saved} />
      {editing ? (
        <CarePlanForm
          person={person}
          onDone={(ok) => {
            setEditing(false);
            if (ok) setSaved(t('common.saved'));
          }}
        />
      ) : person.carePlan ? (
        <PlanView plan={person.carePlan} />
      ) : (
        <Text>{t('plan.none')}</Text>
      )}
    </Paper>
  );
}
