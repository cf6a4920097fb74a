import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { profileInputSchema, type PersonDetail, type ProfileInput } from '@presence/shared';
import { endpoints } from '../../api';
import { DefinitionList } from '../../ui/DefinitionList';
import { FormFailure, failFromSchema, failFromServer, knownFields, type Failure } from '../../ui/FormFailure';
import { formatDate, joinList, splitList } from '../../ui/format';
import { SavedNotice } from './SavedNotice';
import { usePersonWrite } from './usePersonWrite';

interface Values {
  lifeStory: string;
  interests: string;
  habits: string;
  dislikes: string;
  languages: string;
}
const isKnown = knownFields('lifeStory', 'interests', 'habits', 'dislikes', 'languages');

function ProfileForm({ person, onDone }: { person: PersonDetail; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Failure | null>(null);
  const pr = person.profile;
  const form = useForm<Values>({
    initialValues: {
      lifeStory: pr.lifeStory,
      interests: joinList(pr.interests),
      habits: pr.habits,
      dislikes: joinList(pr.dislikes),
      languages: joinList(pr.languages),
    },
  });
  const save = usePersonWrite(person.id, (input: ProfileInput) => endpoints.updateProfile(person.id, input), {
    onSuccess: () => onDone(true),
    onError: (err) => setFailure(failFromServer(form, err, isKnown)),
  });

  const submit = (v: Values) => {
    setFailure(null);
    const input: ProfileInput = {
      lifeStory: v.lifeStory.trim(),
      interests: splitList(v.interests),
      habits: v.habits.trim(),
      dislikes: splitList(v.dislikes),
      languages: splitList(v.languages),
    };
    const parsed = profileInputSchema.safeParse(input);
    if (!parsed.success) return setFailure(failFromSchema(form, parsed.error, isKnown));
    save.mutate(input);
  };

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} aria-labelledby="profile-form-title">
      <Stack gap="md">
        <Title order={3} id="profile-form-title">
          {t('profile.editTitle')}
        </Title>
        <FormFailure failure={failure} />
        <Textarea label={t('profile.lifeStory')} minRows={5} {...form.getInputProps('lifeStory')} />
        <TextInput label={t('profile.interests')} description={t('common.commaSeparated')} {...form.getInputProps('interests')} />
        <Textarea label={t('profile.habits')} {...form.getInputProps('habits')} />
        <TextInput label={t('profile.dislikes')} description={t('common.commaSeparated')} {...form.getInputProps('dislikes')} />
        <TextInput label={t('profile.languages')} description={t('common.commaSeparated')} {...form.getInputProps('languages')} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProfileSection({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const pr = person.profile;
  const none = t('common.notProvided');
  const list = (items: string[]) => (items.length ? joinList(items) : none);
  const isEmpty = !pr.lifeStory && !pr.habits && pr.interests.length + pr.dislikes.length + pr.languages.length === 0;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="md">
        <Title order={2} id="profile-title">
          {t('person.profile')}
        </Title>
        {canEdit && !editing && (
          <Button
            variant="outline"
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            {t('profile.editTitle')}
          </Button>
        )}
      </Group>
      <SavedNotice message={saved} />
      {editing ? (
        <ProfileForm
          person={person}
          onDone={(ok) => {
            setEditing(false);
            if (ok) setSaved(t('common.saved'));
          }}
        />
      ) : (
        <>
          {isEmpty && <Text mb="sm">{t('profile.empty')}</Text>}
          <DefinitionList
            rows={[
              [t('profile.lifeStory'), pr.lifeStory || none],
              [t('profile.interests'), list(pr.interests)],
              [t('profile.habits'), pr.habits || none],
              [t('profile.dislikes'), list(pr.dislikes)],
              [t('profile.languages'), list(pr.languages)],
            ]}
          />
          {pr.updatedAt && <Text mt="md">{t('profile.updatedAt', { date: formatDate(pr.updatedAt) })}</Text>}
        </>
      )}
    </Paper>
  );
}
