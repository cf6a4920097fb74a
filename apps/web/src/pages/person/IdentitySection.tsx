import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '@presence/shared';
import { DefinitionList } from '../../ui/DefinitionList';
import { formatDate } from '../../ui/format';

export function IdentitySection({ person: p }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const none = t('common.notProvided');
  const rows: [string, string][] = [
    [t('personForm.lastName'), p.lastName],
    [t('personForm.firstName'), p.firstName],
    [t('personForm.birthName'), p.birthName ?? none],
    [t('personForm.birthDate'), `${formatDate(p.birthDate)} (${t('person.age', { count: p.age })})`],
    [t('personForm.sex'), t(`sexes.${p.sex}`)],
    [t('personForm.ins'), p.ins ?? none],
    [t('personForm.facility'), p.facilityName],
    [t('personForm.room'), p.room ?? none],
    [t('personForm.address'), p.address ?? none],
    [t('personForm.status'), t(`statuses.${p.status}`)],
    [t('personForm.admissionDate'), formatDate(p.admissionDate)],
  ];
  if (p.attendanceDays.length > 0) rows.push([t('personForm.attendanceDays'), p.attendanceDays.map((d) => t(`weekdays.${d}`)).join(', ')]);

  return (
    <Paper withBorder p="md">
      <Title order={2} id="identity-title" mb="md">
        {t('person.identity')}
      </Title>
      <DefinitionList rows={rows} />
    </Paper>
  );
}
