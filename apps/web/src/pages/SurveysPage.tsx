import { Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SURVEY_DIMENSIONS, SURVEY_TEMPLATES } from '@presence/shared';
import { can, fieldErrorOf, surveyEndpoints, type SurveyCampaign } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { addDaysIso, formatDate, formatPercent, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

/** Perception surveys: the campaigns, answering (tablet, web, paper), starting a campaign, results. */
export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('surveys.title'));
  const q = useQuery({ queryKey: ['surveys'], queryFn: surveyEndpoints.list });
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <Title order={1}>{t('surveys.title')}</Title>
      <Text>{t(me.role === 'relative' ? 'surveys.introRelative' : 'surveys.intro')}</Text>
      {can.manageSurveys(me.role) &&
        (creating ? (
          <CampaignForm onDone={() => setCreating(false)} />
        ) : (
          <Button onClick={() => setCreating(true)} w="fit-content">
            {t('surveys.new')}
          </Button>
        ))}
      {q.isPending && <Loading />}
      {q.isError && <ErrorMessage error={q.error} />}
      {q.data && q.data.length === 0 && <Text>{t('surveys.none')}</Text>}
      {q.data?.map((c) => (
        <CampaignCard key={c.id} c={c} />
      ))}
    </Stack>
  );
}

function CampaignCard({ c }: { c: SurveyCampaign }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const close = useMutation({ mutationFn: () => surveyEndpoints.close(c.id), onSuccess: () => void qc.invalidateQueries({ queryKey: ['surveys'] }) });
  const ownAnswer = c.answeredByMe !== null;
  return (
    <Card withBorder component="section" aria-labelledby={`survey-${c.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={`survey-${c.id}`}>
            {c.title}
          </Title>
          <Badge color={c.open ? 'green.9' : 'gray.8'} variant="filled">
            {c.open ? t('surveys.open') : t('surveys.closed')}
          </Badge>
        </Group>
        <Text size="sm">
          {t(`surveys.audiences.${c.audience}`)} · {t('surveys.period', { from: formatDate(c.opensOn), to: formatDate(c.closesOn) })} ·{' '}
          {c.anonymous ? t('surveys.anonymous') : t('surveys.named')}
          {c.responses !== null && <> · {t('surveys.responses', { count: c.responses, size: c.audienceSize ?? '?' })}</>}
        </Text>
        {c.answeredByMe && <Text fw={600}>{t('surveys.thanks')}</Text>}
        <Group wrap="wrap">
          {c.canRespond && !c.answeredByMe && (
            <Button component={Link} to={`/surveys/${c.id}/answer`} size="md">
              {ownAnswer ? t('surveys.answerOwn') : c.audience === 'residents' ? t('surveys.answerTablet') : t('surveys.answerPaper')}
            </Button>
          )}
          {c.canRespond && ownAnswer && can.manageSurveys(me.role) && (
            <Button component={Link} to={`/surveys/${c.id}/answer?paper=1`} variant="outline">
              {t('surveys.answerPaper')}
            </Button>
          )}
          {can.seeSurveyResults(me.role) && (
            <Button component={Link} to={`/surveys/${c.id}/results`} variant="outline">
              {t('surveys.results')}
            </Button>
          )}
          {can.manageSurveys(me.role) && c.open && (
            <Button variant="subtle" color="red.9" onClick={() => close.mutate()} loading={close.isPending}>
              {t('surveys.close')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function CampaignForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({
    templateSlug: 'residents-falc',
    title: '',
    opensOn: todayIso(),
    closesOn: addDaysIso(todayIso(), 21),
    anonymous: true,
    reminders: '7, 14',
  });
  const save = useMutation({
    mutationFn: () =>
      surveyEndpoints.create({
        templateSlug: v.templateSlug,
        title: v.title,
        opensOn: v.opensOn,
        closesOn: v.closesOn,
        anonymous: v.anonymous,
        reminderDays: v.reminders
          .split(/[,;\s]+/)
          .filter(Boolean)
          .map(Number),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['surveys'] });
      onDone();
    },
  });
  const err = (f: string) => fieldErrorOf(save.error, f);
  const template = SURVEY_TEMPLATES.find((x) => x.slug === v.templateSlug)!;
  return (
    <Card withBorder component="form" onSubmit={(e) => (e.preventDefault(), save.mutate())} aria-labelledby="new-campaign">
      <Stack gap="sm">
        <Title order={2} size="h3" id="new-campaign">
          {t('surveys.new')}
        </Title>
        <Select
          label={t('surveys.template')}
          data={SURVEY_TEMPLATES.map((x) => ({ value: x.slug, label: `${x.title} — ${t(`surveys.audiences.${x.audience}`)}` }))}
          value={v.templateSlug}
          onChange={(x) => x && setV({ ...v, templateSlug: x, title: v.title || '' })}
          error={err('templateSlug')}
          allowDeselect={false}
        />
        <Text size="sm">{t('surveys.templateHelp', { count: template.questions.length, scale: template.scale })}</Text>
        <TextInput
          label={t('surveys.campaignTitle')}
          value={v.title}
          onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          required
          error={err('title')}
        />
        <Group wrap="wrap">
          <TextInput
            type="date"
            label={t('surveys.opensOn')}
            value={v.opensOn}
            onChange={(e) => setV({ ...v, opensOn: e.currentTarget.value })}
            error={err('opensOn')}
          />
          <TextInput
            type="date"
            label={t('surveys.closesOn')}
            value={v.closesOn}
            onChange={(e) => setV({ ...v, closesOn: e.currentTarget.value })}
            error={err('closesOn')}
          />
          <TextInput
            label={t('surveys.reminders')}
            description={t('surveys.remindersHelp')}
            value={v.reminders}
            onChange={(e) => setV({ ...v, reminders: e.currentTarget.value })}
            error={err('reminderDays') ?? err('reminderDays.0') ?? err('reminderDays.1') ?? err('reminderDays.2')}
          />
        </Group>
        <Checkbox
          label={t('surveys.anonymousLabel')}
          description={t('surveys.anonymousHelp')}
          checked={v.anonymous}
          onChange={(e) => setV({ ...v, anonymous: e.currentTarget.checked })}
        />
        {save.isError && !err('title') && <ErrorMessage error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('surveys.start')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function DimensionTable({
  rows,
  caption,
}: {
  rows: { label: string; dims: { dimension: string; n: number; favourable: number | null }[]; extra?: string }[];
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const dims = SURVEY_DIMENSIONS;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder>
        <caption>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('surveys.campaign')}</Table.Th>
            {dims.map((d) => (
              <Table.Th scope="col" key={d}>
                {t(`surveys.dimensions.${d}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('surveys.versions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Th scope="row">{r.label}</Table.Th>
              {dims.map((d) => {
                const x = r.dims.find((y) => y.dimension === d);
                return <Table.Td key={d}>{x && x.n ? `${formatPercent(x.favourable, i18n.language) ?? '—'} (n = ${x.n})` : '—'}</Table.Td>;
              })}
              <Table.Td>{r.extra}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
