import { useState } from 'react';
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { passwordChangeSchema } from '@presence/shared';
import { endpoints } from '../api';
import { useMe } from '../ui/auth';
import { FormFailure, failFromSchema, failFromServer, knownFields, type Failure } from '../ui/FormFailure';
import { usePageTitle } from '../ui/usePageTitle';

const isKnown = knownFields('currentPassword', 'newPassword');

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const me = useMe();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '' } });
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => endpoints.changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      setDone(true);
      form.reset();
    },
    onError: (err) => setFailure(failFromServer(form, err, isKnown)),
  });

  const submit = (v: { currentPassword: string; newPassword: string }) => {
    setFailure(null);
    setDone(false);
    const parsed = passwordChangeSchema.safeParse(v);
    if (!parsed.success) return setFailure(failFromSchema(form, parsed.error, isKnown));
    change.mutate(v);
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('account.title')}</Title>
      <Text>
        {me.displayName} · {t(`roles.${me.role}`)}
      </Text>
      <Text>{t('account.email', { email: me.email })}</Text>
      <Paper withBorder p="md" component="section" aria-labelledby="password-title" maw={560}>
        <Title order={2} id="password-title" mb="md">
          {t('account.changePassword')}
        </Title>
        <div role="status" aria-live="polite">
          {done && (
            <Alert color="teal" variant="light" mb="md">
              <Text fw={700}>{t('account.success')}</Text>
            </Alert>
          )}
        </div>
        <form noValidate onSubmit={form.onSubmit(submit)}>
          <Stack gap="md">
            <Text>{t('common.requiredNote')}</Text>
            <FormFailure failure={failure} />
            <TextInput
              label={t('account.currentPassword')}
              type="password"
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
            <TextInput
              label={t('account.newPassword')}
              description={t('account.newPasswordHint')}
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              {...form.getInputProps('newPassword')}
            />
            <Button type="submit" loading={change.isPending}>
              {t('account.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
