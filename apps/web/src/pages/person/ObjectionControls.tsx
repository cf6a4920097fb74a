import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OBJECTION_SOURCES, type Objection } from '@presence/shared';
import { endpoints, isApiError, keys, type ObjectionSource } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';

/** Records or lifts an objection; the answer (the person's objections) replaces the cached list, and the notice is refreshed. */
export function useObjectionWrite(personId: string, onDone: (message: string) => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const after = (list: Objection[], message: string) => {
    queryClient.setQueryData(keys.objections(personId), list);
    void queryClient.invalidateQueries({ queryKey: ['person', personId, 'transparency'] });
    void queryClient.invalidateQueries({ queryKey: keys.proposalsAll });
    onDone(message);
  };
  const object = useMutation({
    mutationFn: (v: { slug: string; expressedBy: ObjectionSource; note?: string }) =>
      endpoints.object(personId, v.slug, { expressedBy: v.expressedBy, ...(v.note ? { note: v.note } : {}) }),
    onSuccess: (list) => after(list, t('aiRights.objectionSaved')),
  });
  const lift = useMutation({
    mutationFn: (slug: string) => endpoints.liftObjection(personId, slug),
    onSuccess: (list) => after(list, t('aiRights.objectionLifted')),
  });
  return { object, lift };
}

/** A failed objection write: a relative who is neither legal representative nor personne de confiance gets the reason. */
export function ObjectionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const title = isApiError(error) && error.status === 403 ? t('aiRights.relativeForbidden') : undefined;
  return <ErrorMessage error={error} title={title} serverMessage />;
}

interface Props {
  personId: string;
  slug: string;
  name: string;
  objection: Objection | undefined;
  onDone: (message: string) => void;
}

/** Staff controls for one feature: object on the person's behalf (saying at whose request), or lift the objection. */
export function ObjectionControls({ personId, slug, name, objection, onDone }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'idle' | 'form' | 'confirmLift'>('idle');
  const [expressedBy, setExpressedBy] = useState<ObjectionSource>('person');
  const [note, setNote] = useState('');
  const { object, lift } = useObjectionWrite(personId, (message) => {
    setStep('idle');
    setNote('');
    onDone(message);
  });
  const error = object.error ?? lift.error;

  if (objection) {
    return (
      <Stack gap="xs">
        {error && <ObjectionError error={error} />}
        <Group gap="xs">
          {step === 'confirmLift' ? (
            <>
              <Button className="wrap-button" color="red.9" loading={lift.isPending} onClick={() => lift.mutate(slug)}>
                {t('aiRights.confirmLift', { name })}
              </Button>
              <Button variant="default" onClick={() => setStep('idle')}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <Button className="wrap-button" variant="outline" onClick={() => setStep('confirmLift')}>
              {t('aiRights.lift', { name })}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  if (step !== 'form') {
    return (
      <Group>
        <Button className="wrap-button" variant="outline" onClick={() => setStep('form')}>
          {t('aiRights.object', { name })}
        </Button>
      </Group>
    );
  }

  const formTitleId = `objection-form-${slug}`;
  return (
    <form
      noValidate
      aria-labelledby={formTitleId}
      onSubmit={(e) => {
        e.preventDefault();
        object.mutate({ slug, expressedBy, note: note.trim() || undefined });
      }}
    >
      <Stack gap="sm" maw={640}>
        <Title order={4} id={formTitleId}>
          {t('aiRights.objectTitle', { name })}
        </Title>
        {error && <ObjectionError error={error} />}
        <NativeSelect
          label={t('aiRights.expressedBy')}
          value={expressedBy}
          onChange={(e) => setExpressedBy(e.currentTarget.value as ObjectionSource)}
          data={OBJECTION_SOURCES.map((s) => ({ value: s, label: t(`objectionSources.${s}`) }))}
        />
        <Textarea label={t('aiRights.note')} minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={object.isPending}>
            {t('aiRights.confirmObject')}
          </Button>
          <Button variant="default" onClick={() => setStep('idle')}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
