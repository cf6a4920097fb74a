import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can, endpoints, keys } from '../api';
import { useMe } from '../ui/auth';
import { DefinitionList } from '../ui/DefinitionList';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { ProposalStatus } from '../ui/ProposalStatus';
import { formatDateTime, formatPercent } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { SavedNotice } from './person/SavedNotice';
import { ContentView } from './proposal/ContentView';
import { isSuggestions, SuggestionsView } from './proposal/ActivitySuggestions';
import { isWeekPlan, WeekPlanSummary } from './proposal/WeekPlanSummary';
import { isRoster, RosterSummary } from './proposal/RosterSummary';
import { isSlotsContent, isSynthesisContent, SlotsContentView, SynthesisContentView } from './proposal/FollowupSummaries';
import { DecisionPanel, useDecisionErrorTitle } from './proposal/DecisionPanel';
import { DecisionSummary } from './proposal/DecisionSummary';
import { ExplanationView } from './proposal/ExplanationView';

/** One proposal: what it says, why, on which inputs, and the decision (to take, or taken). */
export function ProposalPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const allowed = can.seeProposals(me.role);
  const proposal = useQuery({ queryKey: keys.proposal(id), queryFn: () => endpoints.proposal(id), enabled: allowed });
  const [done, setDone] = useState(false);
  const [stale, setStale] = useState<unknown>(null);
  const errorTitle = useDecisionErrorTitle();
  usePageTitle(proposal.data?.title ?? t('proposals.title'));

  useEffect(() => {
    if (done) document.getElementById('decision-title')?.focus();
  }, [done]);

  if (!allowed) return <Forbidden title={t('proposals.title')} />;
  if (proposal.isPending) return <Loading />;
  if (proposal.isError) {
    return (
      <Stack>
        <Title order={1}>{t('proposal.notFound')}</Title>
        <ErrorMessage error={proposal.error} />
        <Button component={Link} to="/proposals" variant="outline" maw={320}>
          {t('proposal.backToList')}
        </Button>
      </Stack>
    );
  }
  const p = proposal.data;
  const confidence = formatPercent(p.confidence, i18n.language);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>{p.title}</Title>
          <Group gap="xs" mt={4}>
            <ProposalStatus status={p.status} />
            <Text>{p.systemName}</Text>
          </Group>
        </div>
        <Button component={Link} to="/proposals" variant="outline">
          {t('proposal.backToList')}
        </Button>
      </Group>

      <Paper withBorder p="md">
        <DefinitionList
          rows={[
            [t('proposal.feature'), p.systemName],
            [t('proposal.engineVersion'), p.engineVersion],
            [
              t('proposal.person'),
              p.personId ? (
                <Link className="inline-link" to={`/people/${p.personId}`}>
                  {p.personName ?? p.personId}
                </Link>
              ) : (
                t('proposals.noPerson')
              ),
            ],
            [t('proposal.status'), t(`proposalStatuses.${p.status}`)],
            [t('proposal.createdAt'), formatDateTime(p.createdAt)],
            [t('proposal.expiresAt'), p.expiresAt ? formatDateTime(p.expiresAt) : t('proposal.noExpiry')],
            ...(confidence ? [[t('proposal.confidence'), confidence] as const] : []),
            ...(p.closedReason && !p.decision ? [[t('proposal.closedReason'), p.closedReason] as const] : []),
          ]}
        />
      </Paper>

      <ExplanationView explanation={p.explanation} />

      <Paper withBorder p="md" component="section" aria-labelledby="content-title">
        <Title order={2} id="content-title" mb="sm">
          {t('proposal.content')}
        </Title>
        {isSuggestions(p.kind, p.content) ? (
          <SuggestionsView items={p.content.items} />
        ) : isWeekPlan(p.kind, p.content) ? (
          <WeekPlanSummary content={p.content} />
        ) : isRoster(p.kind, p.content) ? (
          <RosterSummary content={p.content} />
        ) : isSynthesisContent(p.kind, p.content) ? (
          <SynthesisContentView sentences={p.content.sentences} />
        ) : isSlotsContent(p.kind, p.content) ? (
          <SlotsContentView slots={p.content.slots} chosen={p.content.chosen} />
        ) : (
          <ContentView content={p.content} />
        )}
        <details className="inputs-details">
          <summary>{t('proposal.inputs')}</summary>
          <pre className="json">{JSON.stringify(p.inputs, null, 2)}</pre>
        </details>
        <Text size="sm" mt="xs">
          {t('proposal.inputsHash')} : <code className="hash">{p.inputsHash}</code>
        </Text>
      </Paper>

      <SavedNotice message={done ? t('decision.done') : null} />
      {stale !== null && <ErrorMessage error={stale} title={errorTitle(stale)} serverMessage />}
      {p.decision && <DecisionSummary proposal={p} />}
      {p.canDecide && <DecisionPanel proposal={p} onDecided={() => setDone(true)} onStale={setStale} />}
      {p.status === 'pending' && !p.canDecide && (
        <Alert color="blue" variant="light">
          {t('proposal.notDecider')}
        </Alert>
      )}
    </Stack>
  );
}
