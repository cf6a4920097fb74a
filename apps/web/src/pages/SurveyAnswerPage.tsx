import { Button, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { SurveyTemplate } from '@presence/shared';
import { endpoints, fieldErrorOf, isApiError, surveyEndpoints, type SurveyCampaign } from '../api';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { usePageTitle } from '../ui/usePageTitle';

/** A face above the words of the 3-point FALC scale, drawn (no emoji font needed); decorative: the word is what is read out. */
function Face({ mood }: { mood: number }) {
  const mouth = mood === 0 ? 'M8 17 Q12 13 16 17' : mood === 1 ? 'M8 16 L16 16' : 'M8 15 Q12 19 16 15';
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="44" height="44" className="likert-face">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="9" cy="10" r="1.3" fill="currentColor" />
      <circle cx="15" cy="10" r="1.3" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/**
 * Answering a questionnaire: on a tablet handed to a resident (FALC wording, large buttons, the next resident after
 * sending), on the web by a relative or a staff member for themself, or typed in from a paper questionnaire.
 */
export function SurveyAnswerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = useQuery({ queryKey: ['survey', id], queryFn: () => surveyEndpoints.get(id) });
  usePageTitle(q.data?.title ?? t('surveys.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const c = q.data;
  const own = c.answeredByMe !== null && params.get('paper') !== '1';
  const paper = !own && (c.audience !== 'residents' || params.get('paper') === '1');
  return (
    <Stack gap="lg" className="survey-answer">
      <Title order={1}>{c.template.title}</Title>
      <Text size="lg">{c.title}</Text>
      {!c.open ? (
        <Notice tone="warning" title={t('surveys.notOpen')} />
      ) : c.answeredByMe ? (
        <Notice tone="success" title={t('surveys.thanks')} />
      ) : paper && !c.anonymous && c.audience !== 'residents' ? (
        <Notice tone="info">{t('surveys.namedOwnAccount')}</Notice>
      ) : (
        <AnswerForm key={c.id} c={c} template={c.template} channel={own ? 'web' : paper ? 'paper' : 'tablet'} />
      )}
      <Link to="/surveys">{t('surveys.back')}</Link>
    </Stack>
  );
}

function AnswerForm({ c, template, channel }: { c: SurveyCampaign; template: SurveyTemplate; channel: 'tablet' | 'web' | 'paper' }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const residents = c.audience === 'residents';
  const falc = residents && channel === 'tablet';
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [personId, setPersonId] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const people = useQuery({ queryKey: ['people', 'survey'], queryFn: () => endpoints.people({ limit: 500 }), enabled: residents && !c.anonymous });
  const send = useMutation({
    mutationFn: () =>
      surveyEndpoints.respond(c.id, {
        channel,
        respondent: residents && !c.anonymous ? { personId: personId ?? undefined } : null,
        answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '')),
      }),
    onSuccess: () => {
      setSent((n) => n + 1);
      setAnswers({});
      setPersonId(null);
      void qc.invalidateQueries({ queryKey: ['surveys'] });
      if (c.answeredByMe !== null) void qc.invalidateQueries({ queryKey: ['survey', c.id] });
      window.scrollTo({ top: 0 });
    },
  });
  const issue = (qid: string) => fieldErrorOf(send.error, `answers.${qid}`);
  return (
    <form onSubmit={(e) => (e.preventDefault(), send.mutate())}>
      <Stack gap="lg">
        {sent > 0 && (
          <Notice tone="success" role="status" title={t('surveys.sent')}>
            {c.anonymous || residents ? t('surveys.sentNext', { count: sent }) : null}
          </Notice>
        )}
        <Text>{falc ? t('surveys.falcIntro') : channel === 'paper' ? t('surveys.paperIntro') : t('surveys.webIntro')}</Text>
        {residents && !c.anonymous && (
          <Select
            label={t('surveys.resident')}
            placeholder={t('surveys.residentPick')}
            data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName}` }))}
            value={personId}
            onChange={setPersonId}
            searchable
            size="lg"
            error={fieldErrorOf(send.error, 'respondent.personId')}
            required
          />
        )}
        {template.questions.map((q, k) => (
          <fieldset key={q.id} className="survey-question">
            <legend>
              <span className="survey-number">{k + 1}.</span> {falc && q.falc ? q.falc : q.text}
            </legend>
            {q.kind === 'likert' ? (
              <div className={`likert likert-${template.scale}`}>
                {template.labels.map((label, p) => (
                  <label key={label} className="likert-choice">
                    <input
                      type="radio"
                      name={q.id}
                      value={p + 1}
                      checked={answers[q.id] === p + 1}
                      onChange={() => setAnswers({ ...answers, [q.id]: p + 1 })}
                    />
                    <span>
                      {template.scale === 3 && <Face mood={p} />}
                      {label}
                    </span>
                  </label>
                ))}
              </div>
            ) : (
              <Textarea
                aria-label={falc && q.falc ? q.falc : q.text}
                autosize
                minRows={2}
                size="lg"
                value={(answers[q.id] as string | undefined) ?? ''}
                onChange={(e) => setAnswers({ ...answers, [q.id]: e.currentTarget.value })}
              />
            )}
            {issue(q.id) && (
              <Text c="red.9" role="alert">
                {issue(q.id)}
              </Text>
            )}
          </fieldset>
        ))}
        {send.isError && (!isApiError(send.error) || send.error.issues.every((i) => !i.field.startsWith('answers.'))) && <ErrorMessage error={send.error} />}
        <Group>
          <Button type="submit" size="xl" loading={send.isPending}>
            {t('surveys.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
