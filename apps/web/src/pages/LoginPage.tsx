import { useState } from 'react';
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { endpoints, isApiError, keys, mapIssues } from '../api';
import { useMeQuery } from '../ui/auth';
import { useErrorText } from '../ui/ErrorMessage';
import { usePageTitle } from '../ui/usePageTitle';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const me = useMeQuery();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('login.emailRequired')),
      password: (v) => (v ? null : t('login.passwordRequired')),
    },
  });

  const login = useMutation({
    mutationFn: (v: { email: string; password: string }) => endpoints.login(v.email.trim(), v.password),
    onSuccess: (user) => {
      queryClient.setQueryData(keys.me, user);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from.startsWith('/') && !from.startsWith('/login') ? from : '/', { replace: true });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'validation_failed') {
        const { fieldErrors } = mapIssues(err.issues, (f) => f === 'email' || f === 'password');
        form.setErrors(fieldErrors);
        setFailure(null);
        return;
      }
      setFailure(isApiError(err) && err.status === 401 ? t('login.invalidCredentials') : errorText(err));
    },
  });

  if (me.data) return <Navigate to="/" replace />;

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={1} mb="sm">
        {t('login.title')}
      </Title>
      <Text mb="md">{t('login.intro')}</Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFailure(null);
          login.mutate(values);
        })}
      >
        <Stack>
          {failure && (
            <Alert color="red" variant="light" role="alert">
              <Text fw={700}>{failure}</Text>
            </Alert>
          )}
          <TextInput label={t('login.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <TextInput label={t('login.password')} type="password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
