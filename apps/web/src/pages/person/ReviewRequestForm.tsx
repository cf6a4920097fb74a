import { useState } from 'react';
import { Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endpoints, isApiError, issueMessage } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SavedNotice } from './SavedNotice';

/** « Demander un examen humain »: a short message that becomes a task for the coordination nurse. */
export function ReviewRequestForm({ personId, proposalId, headingOrder = 3 }: { personId: string; proposalId?: string; headingOrder?: 3 | 4 }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (text: string) => endpoints.requestReview(personId, { message: text, ...(proposalId ? { proposalId } : {}) }),
    onSuccess: () => {
      setOpen(false);
      setMessage('');
      setSent(t('aiRights.reviewSent'));
    },
    onError: (err) => {
      const issue = isApiError(err) ? err.issues.find((i) => i.field === 'message') : undefined;
      if (issue) setError(issueMessage(issue));
    },
  });

  const submit = () => {
    setError(null);
    if (!message.trim()) return setError(t('errors.fields.message_too_small'));
    send.mutate(message.trim());
  };

  return (
    <section aria-labelledby="review-title">
      <Title order={headingOrder} id="review-title" mb="xs">
        {t('aiRights.reviewTitle')}
      </Title>
      <Text mb="sm">{t('aiRights.reviewIntro')}</Text>
      <SavedNotice message={sent} />
      {!open && (
        <Button
          variant="outline"
          onClick={() => {
            setSent(null);
            setOpen(true);
          }}
        >
          {t('aiRights.review')}
        </Button>
      )}
      {open && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm" maw={640}>
            {send.isError && !error && <ErrorMessage error={send.error} serverMessage />}
            <Textarea
              label={t('aiRights.reviewMessage')}
              required
              minRows={3}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={error}
            />
            <Group>
              <Button type="submit" loading={send.isPending}>
                {t('aiRights.reviewSubmit')}
              </Button>
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </section>
  );
}
