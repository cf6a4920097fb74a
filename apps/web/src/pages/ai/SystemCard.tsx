import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AiSystem } from '@presence/shared';
import { can } from '../../api';
import { tDynamic } from '../../i18n';
import { useMe } from '../../ui/auth';
import { DefinitionList } from '../../ui/DefinitionList';
import { formatDate, formatDateTime } from '../../ui/format';
import { FIGURE_KEYS, useFigureFormat } from './figureRows';
import { SystemHistory } from './SystemHistory';
import { SystemSettings } from './SystemSettings';

/** A role name in words when it is one ("coordination_nurse" → "Infirmier·e coordinateur·rice"), else as is. */
export function roleOrText(value: string): string {
  return tDynamic(`roles.${value}`) ?? value;
}

/** « Désactivé par <nom> le <date> : <motif> ». */
export function DisabledNotice({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const vars = { name: system.changedBy?.name ?? t('register.system'), date: formatDate(system.changedAt) };
  return (
    <Alert color="red" variant="light">
      <Text fw={700}>{system.statusReason ? t('register.disabledBy', { ...vars, reason: system.statusReason }) : t('register.disabledNoReason', vars)}</Text>
    </Alert>
  );
}

/** One entry of the AI register, with everything the regulation and the facility need to know, and its recent results. */
export function SystemCard({ system: s }: { system: AiSystem }) {
  const { t } = useTranslation();
  const me = useMe();
  const figure = useFigureFormat();
  const titleId = `system-${s.slug}`;
  const list = (items: readonly string[]) => (items.length ? items.join(', ') : t('register.none'));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} id={s.slug}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} id={titleId}>
            {s.name}
          </Title>
          <Badge color={s.enabled ? 'teal.9' : 'red.9'} variant="outline" size="lg">
            {s.enabled ? t('register.enabled') : t('register.disabled')}
          </Badge>
        </Group>
        {!s.enabled && <DisabledNotice system={s} />}
        <DefinitionList
          rows={[
            [t('register.purpose'), s.purpose],
            [t('register.intendedUsers'), list(s.intendedUsers.map(roleOrText))],
            [t('register.dataRead'), list(s.dataRead)],
            [t('register.dataNeverRead'), list(s.dataNeverRead)],
            [t('register.riskClass'), t(`riskClasses.${s.riskClass}`)],
            [t('register.riskJustification'), s.riskJustification],
            [t('register.facilityRiskNotes'), s.facilityRiskNotes || t('register.none')],
            [t('register.decisionMode'), t(`decisionModes.${s.decisionMode}`)],
            [t('register.deciderRoles'), list(s.deciderRoles.map((r) => t(`roles.${r}`)))],
            [t('register.owner'), s.owner?.name ?? t('common.notProvided')],
            [t('register.engineVersion'), s.engineVersion],
            [t('register.limits'), s.limits],
            [t('register.benefits'), s.benefits],
            [t('register.status'), s.enabled ? t('register.enabled') : t('register.disabled')],
            [t('register.lastChange'), t('register.lastChangeValue', { date: formatDateTime(s.changedAt), name: s.changedBy?.name ?? t('register.system') })],
          ]}
        />
        <div>
          <Title order={3} mb="xs">
            {t('register.evaluation')}
          </Title>
          <DefinitionList
            rows={FIGURE_KEYS.map((k) => [
              t(`figures.${k}`),
              k === 'uneditedAcceptanceRate' ? (
                <>
                  {figure(k, s.evaluation)}
                  <Text size="sm" c="dimmed" component="span" display="block">
                    {t('register.automationBiasHint')}
                  </Text>
                </>
              ) : (
                figure(k, s.evaluation)
              ),
            ])}
          />
        </div>
        {can.manageRegister(me.role) && <SystemSettings system={s} />}
        {can.seeRegisterHistory(me.role) && <SystemHistory system={s} />}
      </Stack>
    </Paper>
  );
}
