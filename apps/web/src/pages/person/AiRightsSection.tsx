import { useState } from 'react';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AiSystem, Objection, PersonDetail } from '@presence/shared';
import { can, endpoints, keys } from '../../api';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/format';
import { FalcNoticeView } from './FalcNoticeView';
import { NoticeLinks } from './NoticeLinks';
import { ObjectionControls } from './ObjectionControls';
import { ReviewRequestForm } from './ReviewRequestForm';
import { SavedNotice } from './SavedNotice';

function FeatureItem({
  person,
  system,
  objection,
  onDone,
}: {
  person: PersonDetail;
  system: AiSystem;
  objection: Objection | undefined;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Paper withBorder p="md" component="li">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Title order={3} size="h4">
            {system.name}
          </Title>
          {!system.enabled && (
            <Badge color="gray.8" variant="outline" size="lg">
              {t('aiRights.featureDisabled')}
            </Badge>
          )}
        </Group>
        <Text>{system.purpose}</Text>
        <Text fw={700}>{objection ? t('aiRights.objected') : t('aiRights.notObjected')}</Text>
        {objection && (
          <Text>
            {t('aiRights.objectedDetail', {
              date: formatDate(objection.createdAt),
              name: objection.recordedBy.name,
              source: t(`objectionSources.${objection.expressedBy}`),
            })}
            {objection.note ? ` — ${objection.note}` : ''}
          </Text>
        )}
        {can.recordObjection(me.role) && <ObjectionControls personId={person.id} slug={system.slug} name={system.name} objection={objection} onDone={onDone} />}
      </Stack>
    </Paper>
  );
}

/** Staff view: every feature of the register, the person's objections, the notices and a review request. */
function StaffView({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const systems = useQuery({ queryKey: keys.aiSystems, queryFn: endpoints.aiSystems });
  const objections = useQuery({ queryKey: keys.objections(person.id), queryFn: () => endpoints.objections(person.id) });
  const [done, setDone] = useState<string | null>(null);

  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <div>
          <Title order={2} id="ai-title">
            {t('person.ai')}
          </Title>
          <Text mt="xs">{t('aiRights.intro')}</Text>
        </div>
        <NoticeLinks personId={person.id} />
        <SavedNotice message={done} />
        {(systems.isPending || objections.isPending) && <Loading />}
        {systems.isError && <ErrorMessage error={systems.error} />}
        {objections.isError && <ErrorMessage error={objections.error} />}
        {systems.data && systems.data.length === 0 && <Text>{t('aiRights.noFeatures')}</Text>}
        {systems.data && systems.data.length > 0 && objections.data && (
          <Stack component="ul" gap="sm" className="plain-list" aria-labelledby="ai-title">
            {systems.data.map((s) => (
              <FeatureItem key={s.id} person={person} system={s} objection={objections.data.find((o) => o.systemSlug === s.slug)} onDone={(m) => setDone(m)} />
            ))}
          </Stack>
        )}
        {can.requestReview(me.role) && <ReviewRequestForm personId={person.id} />}
      </Stack>
    </Paper>
  );
}

/** « IA et droits »: relatives read the FALC notice in large print; staff see the register and the person's objections. */
export function AiRightsSection({ person }: { person: PersonDetail }) {
  const me = useMe();
  return me.role === 'relative' ? <FalcNoticeView person={person} /> : <StaffView person={person} />;
}
