import { Anchor, Badge, Button, Card, Group, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can, literacyEndpoints, type LiteracyModule } from '../api';
import { tDynamic } from '../i18n';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { formatDate } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

const KEYS = { list: ['literacy'] as const, module: (slug: string) => ['literacy', slug] as const, completions: ['literacy', 'completions'] as const };

/** My AI-literacy modules, and for management who completed what and the facility's setting. */
export function LiteracyPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('literacy.title'));
  const q = useQuery({ queryKey: KEYS.list, queryFn: literacyEndpoints.list, enabled: can.takeLiteracy(me.role) });
  if (!can.takeLiteracy(me.role)) return <Forbidden title={t('literacy.title')} />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('literacy.title')}</Title>
      <Text>{t('literacy.intro')}</Text>
      {q.isPending && <Loading />}
      {q.isError && <ErrorMessage error={q.error} />}
      {q.data && (
        <>
          <Notice tone="info">{q.data.required ? t('literacy.requiredNote') : t('literacy.notRequiredNote')}</Notice>
          <ul className="literacy-modules">
            {q.data.modules.map((m) => (
              <li key={m.slug}>
                <Group gap="sm" wrap="wrap">
                  <Link to={`/literacy/${m.slug}`}>{m.name}</Link>
                  {m.completedAt ? (
                    <Badge color="#1e6b34">{t('literacy.done', { date: formatDate(m.completedAt) })}</Badge>
                  ) : (
                    <Badge color="#9a3412">{t('literacy.todo')}</Badge>
                  )}
                </Group>
              </li>
            ))}
          </ul>
        </>
      )}
      {can.seeLiteracyCompletions(me.role) && <Completions />}
    </Stack>
  );
}

function Completions() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEYS.completions, queryFn: literacyEndpoints.completions });
  const set = useMutation({
    mutationFn: (required: boolean) => literacyEndpoints.setRequired(required),
    onSuccess: (d) => {
      qc.setQueryData(KEYS.completions, d);
      void qc.invalidateQueries({ queryKey: KEYS.list });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const d = q.data;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('literacy.completions')}</Title>
        {can.setLiteracyRequired(me.role) && (
          <Switch label={t('literacy.requireLabel')} checked={d.required} onChange={(e) => set.mutate(e.currentTarget.checked)} disabled={set.isPending} />
        )}
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('literacy.completions')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('literacy.staff')}</th>
                {d.modules.map((m) => (
                  <th key={m.slug} scope="col">
                    {m.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.staff.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name}{' '}
                    <Text span size="sm">
                      ({tDynamic(`roles.${s.role}`) ?? s.role})
                    </Text>
                  </th>
                  {d.modules.map((m) => (
                    <td key={m.slug}>{s.completed.includes(m.slug) ? `✓ ${t('literacy.done', { date: '' }).trim()}` : t('literacy.todo')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {set.isError && <ErrorMessage error={set.error} />}
      </Stack>
    </Card>
  );
}

/** One module: its sections, then the questions; the answers are checked by the server. */
export function LiteracyModulePage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const q = useQuery({ queryKey: KEYS.module(slug), queryFn: () => literacyEndpoints.module(slug) });
  usePageTitle(q.data?.name ?? t('literacy.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return <ModuleBody m={q.data} />;
}

function ModuleBody({ m }: { m: LiteracyModule }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<(number | null)[]>(m.questions.map(() => null));
  const submit = useMutation({
    mutationFn: () =>
      literacyEndpoints.answer(
        m.slug,
        answers.map((a) => a ?? 0),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['literacy'] }),
  });
  const result = submit.data;
  return (
    <Stack gap="md" className="literacy-module">
      <Anchor component={Link} to="/literacy">
        {t('literacy.back')}
      </Anchor>
      <Title order={1}>{m.name}</Title>
      {m.completedAt && <Notice tone="success">{t('literacy.done', { date: formatDate(m.completedAt) })}</Notice>}
      {(['whatItDoes', 'limits', 'automationBias', 'override', 'report'] as const).map((k) => (
        <section key={k} aria-labelledby={`lit-${k}`}>
          <Title order={2} id={`lit-${k}`}>
            {t(`literacy.sections.${k}`)}
          </Title>
          {m.sections[k].map((p, i) => (
            <Text key={i} mt="xs">
              {p}
            </Text>
          ))}
        </section>
      ))}
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate();
          }}
        >
          <Stack gap="md">
            <Title order={2}>{t('literacy.questions')}</Title>
            {m.questions.map((q, k) => {
              const r = result?.results[k];
              return (
                <div key={q.id}>
                  <Radio.Group
                    label={`${k + 1}. ${q.text}`}
                    value={answers[k] === null ? '' : String(answers[k])}
                    onChange={(v) => setAnswers(answers.map((a, j) => (j === k ? Number(v) : a)))}
                  >
                    <Stack gap={6} mt={6}>
                      {q.choices.map((c, j) => (
                        <Radio key={j} value={String(j)} label={c} size="md" />
                      ))}
                    </Stack>
                  </Radio.Group>
                  {r && (
                    <Notice tone={r.correct ? 'success' : 'warning'}>
                      {r.correct ? t('literacy.right') : t('literacy.wrong', { answer: q.choices[r.answer] })} {r.why}
                    </Notice>
                  )}
                </div>
              );
            })}
            <Group>
              <Button type="submit" size="md" disabled={answers.some((a) => a === null)} loading={submit.isPending}>
                {t('literacy.submit')}
              </Button>
            </Group>
            {result && (
              <Notice tone={result.passed ? 'success' : 'warning'} role="status">
                {result.passed ? t('literacy.passed') : t('literacy.failed', { score: result.score, count: result.questions })}
              </Notice>
            )}
            {submit.isError && <ErrorMessage error={submit.error} />}
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
