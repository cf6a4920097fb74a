import { Anchor, Badge, Button, Card, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PersonDetail } from '@presence/shared';
import { fieldErrorOf, followupEndpoints, followupKeys, type Synthesis, type SynthesisSource } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { Loading } from '../../ui/Loading';
import { addDaysIso, formatDate, formatDateTime, todayIso } from '../../ui/format';

/** Where a synthesis link leads: the record's tab on the person's page. */
const TAB_OF: Record<SynthesisSource['type'], string> = {
  care_note: 'notes',
  assessment: 'assessments',
  assessment_due: 'assessments',
  activity_session: 'activities',
  appointment: 'appointments',
  goal: 'plan',
  care_plan: 'plan',
  person_profile: 'profile',
};

/** Needs synthesis: build one for a period, read it with its sources, open its proposal to validate it. */
export function SynthesisSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: followupKeys.syntheses(person.id), queryFn: () => followupEndpoints.syntheses(person.id) });
  const options = useQuery({ queryKey: followupKeys.synthesisOptions, queryFn: followupEndpoints.synthesisOptions, staleTime: Infinity });
  const [from, setFrom] = useState(addDaysIso(todayIso(), -27));
  const [to, setTo] = useState(todayIso());
  const [rewrite, setRewrite] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => followupEndpoints.createSynthesis(person.id, { from, to, rewrite }),
    onSuccess: (s) => {
      qc.setQueryData(followupKeys.synthesis(person.id, s.id), s);
      setSelected(s.id);
      void qc.invalidateQueries({ queryKey: followupKeys.syntheses(person.id) });
    },
  });
  const current = selected ?? list.data?.[0]?.id ?? null;
  const fieldError = (f: string) => fieldErrorOf(create.error, f);

  return (
    <Stack gap="md">
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2}>{t('synthesis.new')}</Title>
          <Text size="sm">{t('synthesis.help')}</Text>
          <Group wrap="wrap" align="flex-end">
            <TextInput type="date" label={t('synthesis.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={fieldError('from')} />
            <TextInput type="date" label={t('synthesis.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={fieldError('to')} />
            {options.data?.rewrite && (
              <Switch
                label={t('synthesis.rewrite', { model: options.data.rewrite.model })}
                checked={rewrite}
                onChange={(e) => setRewrite(e.currentTarget.checked)}
                size="md"
              />
            )}
            <Button onClick={() => create.mutate()} loading={create.isPending}>
              {t('synthesis.build')}
            </Button>
          </Group>
          {create.error && !fieldError('from') && !fieldError('to') && <ErrorMessage error={create.error} />}
        </Stack>
      </Card>
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.length > 1 && (
        <Select
          label={t('synthesis.previous')}
          data={list.data.map((s) => ({
            value: s.id,
            label: `${formatDate(s.from)} → ${formatDate(s.to)} · ${formatDateTime(s.createdAt)}${s.validatedAt ? ` · ${t('synthesis.validatedShort')}` : ''}`,
          }))}
          value={current}
          onChange={setSelected}
          allowDeselect={false}
          w={480}
        />
      )}
      {current && <SynthesisView personId={person.id} id={current} />}
    </Stack>
  );
}

function SynthesisView({ personId, id }: { personId: string; id: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: followupKeys.synthesis(personId, id), queryFn: () => followupEndpoints.synthesis(personId, id) });
  const [showRewrite, setShowRewrite] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const s: Synthesis = q.data;
  const byId = new Map(s.content.sections.flatMap((sec) => sec.sentences.map((x) => [x.id, x] as const)));
  return (
    <Card withBorder className="synthesis">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2}>{t('synthesis.title', { from: formatDate(s.from), to: formatDate(s.to) })}</Title>
          {s.validatedAt ? (
            <Badge color="green.9" size="lg">
              {t('synthesis.validated', { name: s.validatedBy, date: formatDateTime(s.validatedAt) })}
            </Badge>
          ) : (
            <Badge color="violet.9" size="lg">
              {t('synthesis.proposed')}
            </Badge>
          )}
        </Group>
        <Text size="sm">{t('synthesis.builtBy', { name: s.createdBy, date: formatDateTime(s.createdAt) })}</Text>
        {s.proposal && s.proposal.status === 'pending' && (
          <Group gap="sm">
            <Text fw={600}>{t('synthesis.toValidate')}</Text>
            <Button component={Link} to={`/proposals/${s.proposal.id}`} variant="outline">
              {t('synthesis.openProposal')}
            </Button>
          </Group>
        )}
        {s.rewrite?.status === 'failed' && (
          <Notice tone="warning" title={t('synthesis.rewriteFailed')}>
            {t(`synthesis.rewriteReasons.${s.rewrite.reason}` as 'synthesis.rewriteReasons.timeout', { defaultValue: s.rewrite.reason })}
          </Notice>
        )}
        {s.rewrite?.status === 'done' && (
          <Switch label={t('synthesis.showRewrite')} checked={showRewrite} onChange={(e) => setShowRewrite(e.currentTarget.checked)} size="md" />
        )}
        {showRewrite && s.rewrite?.status === 'done' ? (
          <div>
            <Badge color="#9a3412" size="lg" mb="xs">
              {t('synthesis.generatedLabel', { model: s.rewrite.model })}
            </Badge>
            {s.rewrite.sentences.map((r, k) => (
              <p key={k} className="synthesis-sentence">
                {r.text} <Sources sources={r.sources.flatMap((sid) => byId.get(sid)?.sources ?? [])} personId={personId} />
              </p>
            ))}
          </div>
        ) : (
          s.content.sections.map((sec) => (
            <section key={sec.key} aria-labelledby={`syn-${sec.key}`}>
              <Title order={3} id={`syn-${sec.key}`}>
                {sec.title}
              </Title>
              <ul className="synthesis-list">
                {sec.sentences.map((x) => (
                  <li key={x.id} className="synthesis-sentence">
                    {x.text} <Sources sources={x.sources} personId={personId} />
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </Stack>
    </Card>
  );
}

function Sources({ sources, personId }: { sources: SynthesisSource[]; personId: string }) {
  const { t } = useTranslation();
  if (!sources.length) return null;
  const seen = new Set<string>();
  const unique = sources.filter((s) => !seen.has(s.id) && seen.add(s.id));
  return (
    <span className="synthesis-sources">
      {unique.slice(0, 6).map((src, k) => (
        <Anchor
          key={src.id}
          component={Link}
          to={`/people/${personId}?tab=${TAB_OF[src.type]}${src.type === 'care_note' ? `&note=${src.id}` : ''}`}
          size="sm"
          title={src.at ? formatDateTime(src.at) : undefined}
          aria-label={`[${k + 1}] ${t('synthesis.sourceLabel', { type: t(`synthesis.sourceTypes.${src.type}`), date: src.at ? formatDate(src.at) : '' })}`}
        >
          [{k + 1}]
        </Anchor>
      ))}
      {unique.length > 6 && (
        <Text span size="sm">
          {t('synthesis.moreSources', { count: unique.length - 6 })}
        </Text>
      )}
    </span>
  );
}
