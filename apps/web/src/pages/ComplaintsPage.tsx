import { Badge, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { COMPLAINANT_KINDS, COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_NEXT } from '@presence/shared';
import {
  can,
  endpoints,
  fieldErrorOf,
  guaranteeEndpoints,
  guaranteeKeys,
  voiceEndpoints,
  voiceKeys,
  type Complaint,
  type ComplaintCategory,
  type ComplaintInput,
  type ComplaintStatus,
  type ComplaintSummary,
} from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { addDaysIso, formatDate, formatDateTime, nowForInput, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

/** Complaints: CVS figures, recording, the list with deadlines, and each complaint's qualification and workflow. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('complaints.title'));
  const [filter, setFilter] = useState<'all' | 'ai' | 'other'>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const handle = can.handleComplaints(me.role);
  const list = useQuery({
    queryKey: voiceKeys.complaints(filter),
    queryFn: () => voiceEndpoints.complaints(filter === 'all' ? {} : { ai: filter === 'ai' }),
    enabled: handle,
  });
  if (!handle && !can.seeComplaintStats(me.role)) return <Forbidden title={t('complaints.title')} />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('complaints.title')}</Title>
      <Text>{t('complaints.intro')}</Text>
      <Stats />
      {handle && (
        <>
          <Group>
            <Button onClick={() => setCreating(!creating)} aria-expanded={creating} variant={creating ? 'filled' : 'outline'}>
              {t('complaints.new')}
            </Button>
          </Group>
          {creating && <ComplaintForm onDone={(id) => (setCreating(false), setOpenId(id))} />}
          <Card withBorder>
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap">
                <Title order={2}>{t('complaints.list')}</Title>
                <SegmentedControl
                  aria-label={t('complaints.filterLabel')}
                  value={filter}
                  onChange={(v) => setFilter(v)}
                  data={(['all', 'ai', 'other'] as const).map((v) => ({ value: v, label: t(`complaints.filters.${v}`) }))}
                />
              </Group>
              {list.isPending && <Loading />}
              {list.isError && <ErrorMessage error={list.error} />}
              {list.data?.length === 0 && <Text>{t('complaints.none')}</Text>}
              {list.data?.map((c) => (
                <ComplaintRow key={c.id} c={c} open={openId === c.id} onToggle={() => setOpenId(openId === c.id ? null : c.id)} />
              ))}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}

function StatusBadges({ c }: { c: ComplaintSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge color={c.status === 'closed' ? 'gray.7' : 'blue.9'}>{t(`complaints.statuses.${c.status}`)}</Badge>
      {c.aiInvolved && <Badge color="violet.9">{t('complaints.aiBadge')}</Badge>}
      {c.overdue && <Badge color="red.9">{t('complaints.overdue')}</Badge>}
    </Group>
  );
}

function ComplaintRow({ c, open, onToggle }: { c: ComplaintSummary; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="article" aria-label={c.subject}>
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div>
          <Text fw={700}>{c.subject}</Text>
          <Text size="sm">
            {formatDateTime(c.receivedAt)} · {t(`complaints.channels.${c.channel}`)} · {c.complainantName}
            {c.personName && ` · ${c.personName}`}
            {c.linkedProposals > 0 && ` · ${t('complaints.linked', { count: c.linkedProposals })}`}
          </Text>
          {c.status !== 'closed' && <Text size="sm">{t('complaints.deadlines', { ack: formatDate(c.acknowledgeBy), answer: formatDate(c.answerBy) })}</Text>}
        </div>
        <Group gap="xs">
          <StatusBadges c={c} />
          <Button size="sm" variant="outline" onClick={onToggle} aria-expanded={open}>
            {t('complaints.open')}
          </Button>
        </Group>
      </Group>
      {open && <ComplaintDetail id={c.id} />}
    </Card>
  );
}

function ComplaintDetail({ id }: { id: string }) {
  const q = useQuery({ queryKey: voiceKeys.complaint(id), queryFn: () => voiceEndpoints.complaint(id) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return <ComplaintBody c={q.data} />;
}

function ComplaintBody({ c }: { c: Complaint }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [category, setCategory] = useState<ComplaintCategory>(c.category ?? (c.aiInvolved ? 'ai' : 'care'));
  const [ai, setAi] = useState(c.aiInvolved);
  const [slugs, setSlugs] = useState(c.features.map((f) => f.slug));
  const systems = useQuery({ queryKey: guaranteeKeys.aiSystems, queryFn: guaranteeEndpoints.aiSystems });
  const refresh = (updated: Complaint) => {
    qc.setQueryData(voiceKeys.complaint(c.id), updated);
    void qc.invalidateQueries({ queryKey: ['complaints'] });
    setNote('');
  };
  const move = useMutation({
    mutationFn: (to: ComplaintStatus) => voiceEndpoints.transition(c.id, { to, note, ...(to === 'answered' ? { answer } : {}) }),
    onSuccess: refresh,
  });
  const qualify = useMutation({
    mutationFn: () =>
      voiceEndpoints.qualify(c.id, {
        category,
        aiInvolved: ai,
        links: ai ? { proposalIds: c.proposals.map((p) => p.id), systemSlugs: slugs } : { proposalIds: [], systemSlugs: [] },
      }),
    onSuccess: refresh,
  });
  const next = COMPLAINT_NEXT[c.status];
  return (
    <Stack gap="sm" mt="sm">
      <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>
      <Text size="sm">
        {t(`complaints.complainantKinds.${c.complainantKind}`)} · {t('complaints.category')} :{' '}
        {c.category ? t(`complaints.categories.${c.category}`) : t('complaints.categories.unqualified')}
      </Text>
      {c.proposals.length > 0 && (
        <div>
          <Text fw={600} size="sm">
            {t('complaints.proposals')}
          </Text>
          <ul>
            {c.proposals.map((p) => (
              <li key={p.id}>
                <Link to={`/proposals/${p.id}`}>{p.title}</Link> — {p.systemName}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.answer && (
        <Notice tone="info" title={t('complaints.answer')}>
          {c.answer}
        </Notice>
      )}
      {c.status !== 'closed' && (
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Title order={3}>{t('complaints.qualify')}</Title>
            <Group wrap="wrap" align="flex-end">
              <Select
                label={t('complaints.category')}
                data={COMPLAINT_CATEGORIES.map((k) => ({ value: k, label: t(`complaints.categories.${k}`) }))}
                value={category}
                onChange={(v) => v && setCategory(v)}
                allowDeselect={false}
                w={240}
              />
              <Checkbox label={t('complaints.aiInvolved')} checked={ai} onChange={(e) => setAi(e.currentTarget.checked)} />
            </Group>
            {ai && systems.data && (
              <Checkbox.Group label={t('complaints.features')} value={slugs} onChange={setSlugs}>
                <Group gap="md" mt={4}>
                  {systems.data.map((s) => (
                    <Checkbox key={s.slug} value={s.slug} label={s.name} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <Group>
              <Button variant="outline" onClick={() => qualify.mutate()} loading={qualify.isPending}>
                {t('complaints.saveQualification')}
              </Button>
            </Group>
            {qualify.isError && <ErrorMessage error={qualify.error} />}
          </Stack>
        </Card>
      )}
      {next.length > 0 && (
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Title order={3}>{t('complaints.next')}</Title>
            {next.includes('answered') && (
              <Textarea
                label={t('complaints.answer')}
                value={answer}
                onChange={(e) => setAnswer(e.currentTarget.value)}
                error={fieldErrorOf(move.error, 'answer')}
                autosize
                minRows={2}
                maxLength={5000}
              />
            )}
            <TextInput label={t('complaints.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} />
            <Group gap="xs">
              {next.map((to) => (
                <Button
                  key={to}
                  variant={to === 'closed' ? 'outline' : 'filled'}
                  onClick={() => move.mutate(to)}
                  loading={move.isPending && move.variables === to}
                >
                  {t(`complaints.to.${to as Exclude<ComplaintStatus, 'received'>}`)}
                </Button>
              ))}
            </Group>
            {move.isError && !fieldErrorOf(move.error, 'answer') && <ErrorMessage error={move.error} />}
          </Stack>
        </Card>
      )}
      <div>
        <Text fw={600} size="sm">
          {t('complaints.history')}
        </Text>
        <ul>
          {c.events.map((e, k) => (
            <li key={k}>
              {formatDateTime(e.at)} — {t(`complaints.statuses.${e.to}`)} ({e.by}){e.note && ` : ${e.note}`}
            </li>
          ))}
        </ul>
      </div>
    </Stack>
  );
}

const EMPTY: ComplaintInput = {
  personId: null,
  receivedAt: '',
  channel: 'letter',
  complainantKind: 'relative',
  complainantName: '',
  subject: '',
  description: '',
  category: null,
  aiInvolved: false,
  links: { proposalIds: [], systemSlugs: [] },
};

function ComplaintForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [v, setV] = useState<ComplaintInput>({ ...EMPTY, receivedAt: nowForInput() });
  const set = (p: Partial<ComplaintInput>) => setV({ ...v, ...p });
  const people = useQuery({ queryKey: ['people', 'complaint-form'], queryFn: () => endpoints.people({ limit: 500, status: 'active' }) });
  const systems = useQuery({ queryKey: guaranteeKeys.aiSystems, queryFn: guaranteeEndpoints.aiSystems, enabled: v.aiInvolved });
  const proposals = useQuery({
    queryKey: ['proposals', 'complaint-form', v.personId],
    queryFn: () => guaranteeEndpoints.proposals({ personId: v.personId!, limit: 50 }),
    enabled: v.aiInvolved && v.personId !== null && can.seeProposals(me.role),
  });
  const save = useMutation({
    mutationFn: () => voiceEndpoints.createComplaint({ ...v, receivedAt: new Date(v.receivedAt).toISOString() }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['complaints'] });
      onDone(c.id);
    },
  });
  const err = (f: string) => fieldErrorOf(save.error, f);
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{t('complaints.new')}</Title>
          <Group wrap="wrap" align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('complaints.receivedAt')}
              value={v.receivedAt}
              onChange={(e) => set({ receivedAt: e.currentTarget.value })}
              error={err('receivedAt')}
              required
            />
            <Select
              label={t('complaints.channel')}
              data={COMPLAINT_CHANNELS.map((k) => ({ value: k, label: t(`complaints.channels.${k}`) }))}
              value={v.channel}
              onChange={(x) => x && set({ channel: x })}
              allowDeselect={false}
              w={240}
            />
            <Select
              label={t('complaints.complainantKind')}
              data={COMPLAINANT_KINDS.map((k) => ({ value: k, label: t(`complaints.complainantKinds.${k}`) }))}
              value={v.complainantKind}
              onChange={(x) => x && set({ complainantKind: x })}
              allowDeselect={false}
              w={260}
            />
          </Group>
          <Group wrap="wrap" align="flex-start">
            <TextInput
              label={t('complaints.complainantName')}
              value={v.complainantName}
              onChange={(e) => set({ complainantName: e.currentTarget.value })}
              error={err('complainantName')}
              required
              maxLength={120}
              w={300}
            />
            <Select
              label={t('complaints.person')}
              data={[
                { value: '', label: t('complaints.personNone') },
                ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName.toUpperCase()} ${p.firstName}` })),
              ]}
              value={v.personId ?? ''}
              onChange={(x) => set({ personId: x || null, links: { ...v.links, proposalIds: [] } })}
              searchable
              error={err('personId')}
              w={320}
            />
          </Group>
          <TextInput
            label={t('complaints.subject')}
            value={v.subject}
            onChange={(e) => set({ subject: e.currentTarget.value })}
            error={err('subject')}
            required
            maxLength={200}
          />
          <Textarea
            label={t('complaints.description')}
            value={v.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={err('description')}
            required
            autosize
            minRows={3}
            maxLength={5000}
          />
          <Group wrap="wrap" align="flex-end">
            <Select
              label={t('complaints.category')}
              data={[
                { value: '', label: t('complaints.categories.unqualified') },
                ...COMPLAINT_CATEGORIES.map((k) => ({ value: k, label: t(`complaints.categories.${k}`) })),
              ]}
              value={v.category ?? ''}
              onChange={(x) => set({ category: x || null })}
              w={240}
            />
            <Checkbox
              label={t('complaints.aiInvolved')}
              checked={v.aiInvolved}
              onChange={(e) => set({ aiInvolved: e.currentTarget.checked, links: e.currentTarget.checked ? v.links : { proposalIds: [], systemSlugs: [] } })}
            />
          </Group>
          {v.aiInvolved && systems.data && (
            <Checkbox.Group label={t('complaints.features')} value={v.links.systemSlugs} onChange={(x) => set({ links: { ...v.links, systemSlugs: x } })}>
              <Group gap="md" mt={4}>
                {systems.data.map((s) => (
                  <Checkbox key={s.slug} value={s.slug} label={s.name} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          {v.aiInvolved && v.personId && proposals.data && (
            <Checkbox.Group
              label={t('complaints.proposals')}
              description={t('complaints.proposalsHelp')}
              value={v.links.proposalIds}
              onChange={(x) => set({ links: { ...v.links, proposalIds: x } })}
            >
              <Stack gap={4} mt={4}>
                {proposals.data.items.length === 0 && <Text size="sm">{t('complaints.noProposal')}</Text>}
                {proposals.data.items.map((p) => (
                  <Checkbox key={p.id} value={p.id} label={`${formatDate(p.createdAt)} — ${p.title} (${p.systemName})`} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('complaints.save')}
            </Button>
          </Group>
          {save.isError && <ErrorMessage error={save.error} />}
        </Stack>
      </form>
    </Card>
  );
}

function Stats() {
  const { t, i18n } = useTranslation();
  const to = todayIso();
  const from = addDaysIso(to, -365);
  const q = useQuery({ queryKey: voiceKeys.stats(from, to), queryFn: () => voiceEndpoints.stats(from, to) });
  const systems = useQuery({ queryKey: guaranteeKeys.aiSystems, queryFn: guaranteeEndpoints.aiSystems });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const s = q.data;
  const n = (x: number | null) => (x === null ? '–' : new Intl.NumberFormat(i18n.language).format(x));
  const rows: [string, (p: typeof s.all) => number | null][] = [
    ['total', (p) => p.total],
    ['overdue', (p) => p.overdue],
    ['answeredLate', (p) => p.answeredLate],
    ['medianAck', (p) => p.medianDaysToAcknowledge],
    ['medianAnswer', (p) => p.medianDaysToAnswer],
  ];
  const name = (slug: string) => systems.data?.find((x) => x.slug === slug)?.name ?? slug;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2}>{t('complaints.stats')}</Title>
        <Text size="sm">{t('complaints.statsIntro', { from: formatDate(from), to: formatDate(to) })}</Text>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('complaints.stats')}>
          <table className="data-table">
            <thead>
              <tr>
                <td />
                {(['all', 'ai', 'other'] as const).map((k) => (
                  <th key={k} scope="col">
                    {t(`complaints.statsCols.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([key, get]) => (
                <tr key={key}>
                  <th scope="row">{t(`complaints.statsRows.${key as 'total'}`)}</th>
                  <td>{n(get(s.all))}</td>
                  <td>{n(get(s.aiRelated))}</td>
                  <td>{n(get(s.other))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {Object.keys(s.aiRelated.byFeature).length > 0 && (
          <>
            <Text fw={600}>{t('complaints.byFeature')}</Text>
            <ul>
              {Object.entries(s.aiRelated.byFeature).map(([slug, count]) => (
                <li key={slug}>
                  {name(slug)} : {count}
                </li>
              ))}
            </ul>
          </>
        )}
        <Text fw={600}>{t('complaints.byCategory')}</Text>
        <ul>
          {Object.entries(s.all.byCategory).map(([k, count]) => (
            <li key={k}>
              {t(`complaints.categories.${k as ComplaintCategory | 'unqualified'}`)} : {count}
            </li>
          ))}
        </ul>
      </Stack>
    </Card>
  );
}
