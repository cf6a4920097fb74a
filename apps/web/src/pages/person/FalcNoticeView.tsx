import { useState } from 'react';
import { Button, Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '@presence/shared';
import { can, endpoints, keys, type TransparencyNotice } from '../../api';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { NoticeLinks } from './NoticeLinks';
import { ObjectionError, useObjectionWrite } from './ObjectionControls';
import { ReviewRequestForm } from './ReviewRequestForm';
import { SavedNotice } from './SavedNotice';

type Feature = TransparencyNotice['features'][number];

function FeatureBlock({ personId, feature, canObject, onDone }: { personId: string; feature: Feature; canObject: boolean; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const { object, lift } = useObjectionWrite(personId, onDone);
  const error = object.error ?? lift.error;
  return (
    <Paper withBorder p="md" component="li">
      <Stack gap="sm">
        <Title order={3}>{feature.name}</Title>
        {feature.paragraphs.map((p, i) => (
          <p key={i} className="falc-line">
            {p}
          </p>
        ))}
        <Title order={4}>{t('aiRights.falcProposals')}</Title>
        {feature.proposals.length === 0 ? (
          <p className="falc-line">{t('aiRights.falcNoProposals')}</p>
        ) : (
          <ul>
            {feature.proposals.map((p, i) => (
              <li key={i}>
                {p.date} : {p.title}. {p.outcome}
              </li>
            ))}
          </ul>
        )}
        {error && <ObjectionError error={error} />}
        {canObject &&
          (feature.objected ? (
            <Button
              variant="outline"
              size="lg"
              loading={lift.isPending}
              onClick={() => lift.mutate(feature.slug)}
              className="wrap-button"
              style={{ alignSelf: 'flex-start' }}
            >
              {t('aiRights.falcSayYes', { name: feature.name })}
            </Button>
          ) : (
            <Button
              variant="outline"
              color="red.9"
              size="lg"
              loading={object.isPending}
              onClick={() => object.mutate({ slug: feature.slug, expressedBy: 'relative' })}
              className="wrap-button"
              style={{ alignSelf: 'flex-start' }}
            >
              {t('aiRights.falcSayNo', { name: feature.name })}
            </Button>
          ))}
      </Stack>
    </Paper>
  );
}

/** What a relative sees: the FALC notice in large print, with « Dire non » next to each tool, the printable notices and a review request. */
export function FalcNoticeView({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const notice = useQuery({ queryKey: keys.transparency(person.id, 'falc'), queryFn: () => endpoints.transparency(person.id, 'falc') });
  const [done, setDone] = useState<string | null>(null);

  return (
    <Paper withBorder p="md" className="falc-notice">
      <Stack gap="lg">
        <Title order={2}>{notice.data?.title ?? t('aiRights.falcTitle')}</Title>
        {notice.isPending && <Loading />}
        {notice.isError && <ErrorMessage error={notice.error} />}
        {notice.data && (
          <>
            {notice.data.intro.map((p, i) => (
              <p key={i} className="falc-line">
                {p}
              </p>
            ))}
            <SavedNotice message={done} />
            {notice.data.features.length > 0 && (
              <Stack component="ul" gap="md" className="plain-list">
                {notice.data.features.map((f) => (
                  <FeatureBlock key={f.slug} personId={person.id} feature={f} canObject={can.recordObjection(me.role)} onDone={setDone} />
                ))}
              </Stack>
            )}
            <section aria-labelledby="falc-guarantees">
              <Title order={3} id="falc-guarantees" mb="xs">
                {notice.data.guarantees.heading}
              </Title>
              <Stack gap="xs">
                {notice.data.guarantees.paragraphs.map((p, i) => (
                  <p key={i} className="falc-line">
                    {p}
                  </p>
                ))}
              </Stack>
            </section>
          </>
        )}
        {can.requestReview(me.role) && <ReviewRequestForm personId={person.id} />}
        <NoticeLinks personId={person.id} />
      </Stack>
    </Paper>
  );
}
