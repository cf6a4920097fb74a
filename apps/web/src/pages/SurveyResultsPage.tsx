import { Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can, fieldErrorOf, surveyEndpoints, type QuestionResult, type SurveyResults, type ThemeGroup } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { formatDate, formatPercent } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { DimensionTable } from './SurveysPage';

/** A campaign's results: response rate, each item's distribution, favourable shares over time, open answers by theme. */
export function SurveyResultsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const q = useQuery({ queryKey: ['survey-results', id], queryFn: () => surveyEndpoints.results(id), enabled: can.seeSurveyResults(me.role) });
  const trends = useQuery({
    queryKey: ['survey-trends', q.data?.campaign.audience],
    queryFn: () => surveyEndpoints.trends(q.data!.campaign.audience),
    enabled: Boolean(q.data),
  });
  usePageTitle(q.data ? `${t('surveys.results')} — ${q.data.campaign.title}` : t('surveys.results'));
  if (!can.seeSurveyResults(me.role)) return <Forbidden title={t('surveys.results')} />;
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const r = q.data;
  return (
    <Stack gap="md">
      <Title order={1}>
        {t('surveys.results')} — {r.campaign.title}
      </Title>
      <Text>
        {t(`surveys.audiences.${r.campaign.audience}`)} · {t('surveys.period', { from: formatDate(r.campaign.opensOn), to: formatDate(r.campaign.closesOn) })} ·{' '}
        {r.campaign.anonymous ? t('surveys.anonymous') : t('surveys.named')}
      </Text>
      <Text fw={600}>
        {t('surveys.responses', { count: r.responses, size: r.campaign.audienceSize ?? '?' })}
        {r.responseRate !== null && ` (${formatPercent(r.responseRate, i18n.language) ?? '—'})`} ·{' '}
        {Object.entries(r.byChannel)
          .map(([ch, n]) => `${t(`surveys.channels.${ch as 'tablet' | 'web' | 'paper'}`)} ${n}`)
          .join(', ')}
      </Text>
      <Group>
        <Button component="a" href={surveyEndpoints.csvUrl(r.campaign.id)} variant="outline">
          {t('surveys.csv')}
        </Button>
        <Link to="/surveys">{t('surveys.back')}</Link>
      </Group>
      {trends.data && (
        <DimensionTable
          caption={t('surveys.overTime', { audience: t(`surveys.audiences.${r.campaign.audience}`).toLowerCase() })}
          rows={trends.data.map((c) => ({
            label: `${c.title} (${formatDate(c.opensOn)}, n = ${c.responses})`,
            dims: c.dimensions,
            extra: c.features.map((f) => `${f.feature} ${f.version.replace(/\s*\(.*$/, '')}`).join(', '),
          }))}
        />
      )}
      <Text size="sm">{t('surveys.favourableHelp')}</Text>
      {r.questions.map((question) => (
        <QuestionCard key={question.id} r={r} question={question} />
      ))}
    </Stack>
  );
}

function QuestionCard({ r, question }: { r: SurveyResults; question: QuestionResult }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby={`q-${question.id}`}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={`q-${question.id}`}>
          {question.text}
        </Title>
        {question.kind === 'likert' ? (
          <>
            <Text size="sm">
              {t('surveys.answersCount', { count: question.n })} · {t('surveys.favourable')} {formatPercent(question.favourable, i18n.language) ?? '—'}
            </Text>
            <Table withTableBorder>
              <caption className="visually-hidden">{question.text}</caption>
              <Table.Tbody>
                {r.template.labels.map((label, k) => {
                  const n = question.distribution[k] ?? 0;
                  const share = question.n ? n / question.n : 0;
                  return (
                    <Table.Tr key={label}>
                      <Table.Th scope="row" w="40%">
                        {label}
                      </Table.Th>
                      <Table.Td w="10%">{n}</Table.Td>
                      <Table.Td>
                        <div className="survey-bar" style={{ width: `${Math.round(share * 100)}%` }} aria-hidden="true" />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        ) : (
          <Themes campaignId={r.campaign.id} questionId={question.id} themes={question.themes} n={question.n} />
        )}
      </Stack>
    </Card>
  );
}

/** Open answers grouped by theme: the word that placed each one is shown; themes are renamed, added; answers moved. */
function Themes({ campaignId, questionId, themes, n }: { campaignId: string; questionId: string; themes: ThemeGroup[]; n: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const edit = can.manageSurveys(me.role);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['survey-results', campaignId] });
  const [label, setLabel] = useState('');
  const add = useMutation({
    mutationFn: () => surveyEndpoints.addTheme(campaignId, questionId, label),
    onSuccess: () => (setLabel(''), refresh()),
  });
  const move = useMutation({
    mutationFn: (x: { responseId: string; themeId: string }) => surveyEndpoints.moveAnswer(x.responseId, questionId, x.themeId),
    onSuccess: refresh,
  });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('surveys.themesHelp', { count: n })}</Text>
      {themes.map((g) => (
        <ThemeBlock key={g.id} g={g} themes={themes} edit={edit} onMove={(responseId, themeId) => move.mutate({ responseId, themeId })} onRenamed={refresh} />
      ))}
      {move.isError && <ErrorMessage error={move.error} />}
      {edit && (
        <form onSubmit={(e) => (e.preventDefault(), add.mutate())}>
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('surveys.newTheme')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={fieldErrorOf(add.error, 'label')} />
            <Button type="submit" variant="outline" loading={add.isPending}>
              {t('surveys.addTheme')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function ThemeBlock({
  g,
  themes,
  edit,
  onMove,
  onRenamed,
}: {
  g: ThemeGroup;
  themes: ThemeGroup[];
  edit: boolean;
  onMove: (responseId: string, themeId: string) => void;
  onRenamed: () => void;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [label, setLabel] = useState(g.label);
  const rename = useMutation({ mutationFn: () => surveyEndpoints.renameTheme(g.id, label), onSuccess: () => (setRenaming(false), onRenamed()) });
  return (
    <div className="survey-theme">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h5">
          {g.label} ({g.answers.length}){g.proposed ? '' : ` · ${t('surveys.themeAdded')}`}
        </Title>
        {edit &&
          (renaming ? (
            <form onSubmit={(e) => (e.preventDefault(), rename.mutate())}>
              <Group gap="xs" align="flex-end">
                <TextInput
                  label={t('surveys.themeName')}
                  value={label}
                  onChange={(e) => setLabel(e.currentTarget.value)}
                  error={fieldErrorOf(rename.error, 'label')}
                  size="sm"
                />
                <Button type="submit" size="sm" loading={rename.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </form>
          ) : (
            <Button variant="subtle" size="sm" onClick={() => setRenaming(true)} aria-label={t('surveys.renameTheme', { theme: g.label })}>
              {t('surveys.rename')}
            </Button>
          ))}
      </Group>
      <ul className="survey-answers">
        {g.answers.map((a) => (
          <li key={a.responseId}>
            <Text>« {a.text} »</Text>
            <Text size="sm" c="dimmed">
              {a.movedByStaff ? t('surveys.movedByStaff') : a.matched ? t('surveys.matched', { word: a.matched }) : t('surveys.noWord')}
            </Text>
            {edit && themes.length > 1 && (
              <NativeSelect
                size="sm"
                w={280}
                label={t('surveys.moveTo')}
                value={g.id}
                data={themes.map((x) => ({ value: x.id, label: x.label }))}
                onChange={(e) => e.currentTarget.value !== g.id && onMove(a.responseId, e.currentTarget.value)}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
