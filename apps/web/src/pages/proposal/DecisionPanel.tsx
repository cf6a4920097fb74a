import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { decisionInputSchema, type DecisionInput, type Proposal } from '@presence/shared';
import { endpoints, isApiError, issueMessage, keys } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { isSuggestions, keptContent, SuggestionsEditor } from './ActivitySuggestions';

type Mode = DecisionInput['decision'];
const MODES: readonly Mode[] = ['accept', 'amend', 'reject'];
const CONFIRM = { accept: 'decision.confirmAccept', amend: 'decision.confirmAmend', reject: 'decision.confirmReject' } as const;

interface Errors {
  reason?: string;
  content?: string;
  /** Server issues on the amended content, one line per field ("title : …"). */
  contentIssues: string[];
}
const NO_ERRORS: Errors = { contentIssues: [] };

/** A French title for a refused decision (already decided, feature switched off, role not allowed). */
export function useDecisionErrorTitle(): (err: unknown) => string | undefined {
  const { t } = useTranslation();
  return (err) => {
    if (!isApiError(err)) return undefined;
    if (err.code === 'conflict') return t('decision.conflict');
    if (err.code === 'ai_feature_disabled') return t('decision.disabled');
    if (err.code === 'forbidden') return t('decision.forbidden');
    return undefined;
  };
}

interface Props {
  proposal: Proposal;
  onDecided: () => void;
  /** The proposal changed under us (409/404): the page shows why, since this panel goes away with the refreshed proposal. */
  onStale: (err: unknown) => void;
}

/** Accept, amend or reject a pending proposal; the reason is required to amend or reject. */
export function DecisionPanel({ proposal, onDecided, onStale }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode | null>(null);
  const [reason, setReason] = useState('');
  const [contentText, setContentText] = useState(() => JSON.stringify(proposal.content, null, 2));
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [failure, setFailure] = useState<unknown>(null);
  // Kind-specific editor for activity suggestions; other kinds are amended as JSON.
  const suggestions = isSuggestions(proposal.kind, proposal.content) ? proposal.content.items : null;
  const [kept, setKept] = useState(() => new Set((suggestions ?? []).map((i) => i.activityKey)));

  const decide = useMutation({
    mutationFn: (input: DecisionInput) => endpoints.decide(proposal.id, input),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.proposal(proposal.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.proposalsAll });
      void queryClient.invalidateQueries({ queryKey: keys.aiSystems });
      if (updated.personId) void queryClient.invalidateQueries({ queryKey: keys.person(updated.personId) });
      onDecided();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'validation_failed' && err.issues.length > 0) {
        const next: Errors = { contentIssues: [] };
        const other: string[] = [];
        for (const issue of err.issues) {
          if (issue.field === 'reason') next.reason = issueMessage(issue);
          else if (issue.field === 'content') next.content = issueMessage(issue);
          else if (issue.field.startsWith('content.'))
            next.contentIssues.push(
              `${issue.field.slice('content.'.length)} : ${issue.reason === 'too_small' ? t('decision.tooSmall') : issueMessage(issue)} (${issue.message})`,
            );
          else other.push(issueMessage(issue));
        }
        setErrors(next);
        setFailure(other.length > 0 ? err : null);
        return;
      }
      // Someone else decided, or the feature was switched off: show why, and the current state.
      if (isApiError(err) && (err.status === 409 || err.status === 404)) {
        onStale(err);
        void queryClient.invalidateQueries({ queryKey: keys.proposal(proposal.id) });
        void queryClient.invalidateQueries({ queryKey: keys.proposalsAll });
        return;
      }
      setFailure(err);
    },
  });

  const choose = (m: Mode) => {
    setMode(m);
    setErrors(NO_ERRORS);
    setFailure(null);
  };

  const submit = () => {
    if (!mode) return;
    setFailure(null);
    const next: Errors = { contentIssues: [] };
    let content: unknown = undefined;
    if (mode === 'amend' && suggestions) content = keptContent(suggestions, kept);
    else if (mode === 'amend') {
      try {
        content = JSON.parse(contentText);
      } catch (e) {
        next.content = t('decision.invalidJson', { detail: e instanceof Error ? e.message : '' });
      }
    }
    const input: DecisionInput = { decision: mode, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(mode === 'amend' ? { content } : {}) };
    const parsed = decisionInputSchema.safeParse(input);
    if (!parsed.success) for (const i of parsed.error.issues) if (i.path[0] === 'reason') next.reason = t('decision.reasonRequired');
    if (next.reason || next.content) return setErrors(next);
    setErrors(NO_ERRORS);
    decide.mutate(input);
  };

  const errorTitle = useDecisionErrorTitle();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decision-title">
      <Title order={2} id="decision-title" mb="xs">
        {t('proposal.decisionTitle')}
      </Title>
      <Text mb="sm">{t('decision.intro')}</Text>
      <Group gap="sm" role="group" aria-label={t('decision.actions')}>
        {MODES.map((m) => (
          <Button
            key={m}
            variant={mode === m ? 'filled' : 'outline'}
            color={m === 'reject' ? 'red.9' : undefined}
            aria-pressed={mode === m}
            onClick={() => choose(m)}
          >
            {t(`decision.${m}`)}
          </Button>
        ))}
      </Group>
      {failure !== null && <ErrorMessage error={failure} title={errorTitle(failure)} serverMessage />}
      {mode && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="md" mt="md">
            {mode === 'amend' && suggestions && (
              <div>
                <SuggestionsEditor items={suggestions} kept={kept} onChange={setKept} />
                {errors.contentIssues.length > 0 && (
                  <Alert color="red" variant="light" mt="xs" role="alert">
                    <ul className="content-list">
                      {errors.contentIssues.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </Alert>
                )}
              </div>
            )}
            {mode === 'amend' && !suggestions && (
              <div>
                <Textarea
                  label={t('decision.content')}
                  description={t('decision.contentHint')}
                  required
                  minRows={6}
                  spellCheck={false}
                  styles={{ input: { fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace' } }}
                  value={contentText}
                  onChange={(e) => setContentText(e.currentTarget.value)}
                  error={errors.content ?? (errors.contentIssues.length > 0 ? t('decision.contentIssues') : undefined)}
                />
                {errors.contentIssues.length > 0 && (
                  <Alert color="red" variant="light" mt="xs" role="alert">
                    <ul className="content-list">
                      {errors.contentIssues.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </Alert>
                )}
              </div>
            )}
            <Textarea
              label={mode === 'accept' ? t('decision.comment') : t('decision.reason')}
              description={mode === 'accept' ? undefined : t('decision.reasonHint')}
              required={mode !== 'accept'}
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
            <Group>
              <Button type="submit" loading={decide.isPending} color={mode === 'reject' ? 'red.9' : undefined}>
                {t(CONFIRM[mode])}
              </Button>
              <Button variant="default" onClick={() => setMode(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
