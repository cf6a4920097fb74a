import { Anchor, Badge, Button, Card, Checkbox, Group, NumberInput, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PANEL_ACTION_KINDS, PANEL_ACTION_STATUSES, PANEL_MEMBER_KINDS, PANEL_PROBLEM_CATEGORIES } from '@presence/shared';
import {
  can,
  fieldErrorOf,
  guaranteeEndpoints,
  guaranteeKeys,
  voiceEndpoints,
  voiceKeys,
  type PanelActionKind,
  type PanelActionStatus,
  type PanelItem,
  type PanelMemberKind,
  type PanelSession,
  type ProblemCategory,
} from '../api';
import { tDynamic } from '../i18n';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { Notice } from '../ui/Notice';
import { addDaysIso, formatDate, formatDateTime, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

/** The review panel: its sessions and members; a new session. */
export function PanelPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('panel.title'));
  const sessions = useQuery({ queryKey: voiceKeys.sessions, queryFn: voiceEndpoints.sessions, enabled: can.seePanel(me.role) });
  if (!can.seePanel(me.role)) return <Forbidden title={t('panel.title')} />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('panel.title')}</Title>
      <Text>{t('panel.intro')}</Text>
      {can.seeEquity(me.role) && (
        <Anchor component={Link} to="/equity">
          {t('equity.title')}
        </Anchor>
      )}
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2}>{t('panel.sessions')}</Title>
          {sessions.isPending && <Loading />}
          {sessions.isError && <ErrorMessage error={sessions.error} />}
          {sessions.data?.length === 0 && <Text>{t('panel.noSession')}</Text>}
          <ul className="panel-sessions">
            {sessions.data?.map((s) => (
              <li key={s.id}>
                <Group gap="xs" wrap="wrap">
                  <Link to={`/panel/${s.id}`}>
                    {formatDate(s.heldOn)} — {s.title}
                  </Link>
                  <Badge color={s.status === 'open' ? 'blue.9' : 'gray.7'}>{t(`panel.status.${s.status}`)}</Badge>
                  <Text size="sm">{t('panel.progress', { reviewed: s.reviewed, items: s.items, actions: s.actions })}</Text>
                </Group>
              </li>
            ))}
          </ul>
        </Stack>
      </Card>
      {can.organisePanel(me.role) && <NewSession />}
      <Members />
    </Stack>
  );
}

function Members() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const members = useQuery({ queryKey: voiceKeys.members, queryFn: voiceEndpoints.members });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PanelMemberKind>('user_representative');
  const add = useMutation({
    mutationFn: () => voiceEndpoints.addMember({ name, kind, userId: null }),
    onSuccess: (m) => {
      qc.setQueryData(voiceKeys.members, m);
      setName('');
    },
  });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('panel.members')}</Title>
        {members.isError && <ErrorMessage error={members.error} />}
        <ul>
          {members.data?.map((m) => (
            <li key={m.id}>
              {m.name} — {t(`panel.memberKinds.${m.kind}`)}
            </li>
          ))}
        </ul>
        {can.organisePanel(me.role) && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Group wrap="wrap" align="flex-end">
              <TextInput
                label={t('panel.memberName')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                required
                maxLength={120}
                error={fieldErrorOf(add.error, 'name')}
              />
              <Select
                label={t('panel.memberKind')}
                data={PANEL_MEMBER_KINDS.map((k) => ({ value: k, label: t(`panel.memberKinds.${k}`) }))}
                value={kind}
                onChange={(v) => v && setKind(v)}
                allowDeselect={false}
                w={260}
              />
              <Button type="submit" variant="outline" loading={add.isPending}>
                {t('panel.addMember')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function NewSession() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const members = useQuery({ queryKey: voiceKeys.members, queryFn: voiceEndpoints.members });
  const [heldOn, setHeldOn] = useState(todayIso());
  const [title, setTitle] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [created, setCreated] = useState<PanelSession | null>(null);
  const create = useMutation({
    mutationFn: () => voiceEndpoints.createSession({ heldOn, title, memberIds, notes: '' }),
    onSuccess: (s) => {
      setCreated(s);
      setTitle('');
      void qc.invalidateQueries({ queryKey: voiceKeys.sessions });
    },
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{t('panel.newSession')}</Title>
          <Group wrap="wrap" align="flex-start">
            <TextInput
              type="date"
              label={t('panel.heldOn')}
              value={heldOn}
              onChange={(e) => setHeldOn(e.currentTarget.value)}
              required
              error={fieldErrorOf(create.error, 'heldOn')}
            />
            <TextInput
              label={t('panel.sessionTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              required
              maxLength={200}
              w={360}
              error={fieldErrorOf(create.error, 'title')}
            />
          </Group>
          {members.data && members.data.length > 0 && (
            <Checkbox.Group label={t('panel.membersPresent')} value={memberIds} onChange={setMemberIds}>
              <Group gap="md" mt={4}>
                {members.data.map((m) => (
                  <Checkbox key={m.id} value={m.id} label={`${m.name} (${t(`panel.memberKinds.${m.kind}`)})`} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('panel.create')}
            </Button>
          </Group>
          {created && (
            <Notice tone="success" role="status">
              <Link to={`/panel/${created.id}`}>
                {formatDate(created.heldOn)} — {created.title}
              </Link>
            </Notice>
          )}
          {create.isError && <ErrorMessage error={create.error} />}
        </Stack>
      </form>
    </Card>
  );
}

/** One session: who sits, the samples drawn with a finding per item, the corrective actions, the minutes. */
export function PanelSessionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: voiceKeys.session(id), queryFn: () => voiceEndpoints.session(id), enabled: can.seePanel(me.role) });
  usePageTitle(q.data?.title ?? t('panel.title'));
  if (!can.seePanel(me.role)) return <Forbidden title={t('panel.title')} />;
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const s = q.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/panel">
        {t('panel.back')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={1}>
            {formatDate(s.heldOn)} — {s.title}
          </Title>
          <Text>{s.members.map((m) => `${m.name} (${t(`panel.memberKinds.${m.kind}`)})`).join(' · ')}</Text>
        </div>
        <Group gap="xs">
          <Badge color={s.status === 'open' ? 'blue.9' : 'gray.7'} size="lg">
            {t(`panel.status.${s.status}`)}
          </Badge>
          <Button component="a" href={voiceEndpoints.minutesUrl(s.id)} target="_blank" variant="outline">
            {t('panel.minutes')}
          </Button>
        </Group>
      </Group>
      {s.pseudonymised && <Notice tone="info">{t('panel.pseudonymised')}</Notice>}
      {s.status === 'open' && can.organisePanel(me.role) && <DrawForm session={s} />}
      {s.samples.map((x) => (
        <Card withBorder key={x.id}>
          <Stack gap="sm">
            <Title order={2}>{t('panel.sample', { name: x.systemName, from: formatDate(x.from), to: formatDate(x.to) })}</Title>
            <Text size="sm">
              {t('panel.sampleMeta', {
                population: x.population,
                count: x.items.length,
                algorithm: x.algorithm,
                seed: x.seed,
                at: formatDateTime(x.drawnAt),
                by: x.drawnBy,
              })}
            </Text>
            <Verify sampleId={x.id} />
            {x.items.map((i) => (
              <ItemCard key={i.id} item={i} sessionId={s.id} editable={s.status === 'open' && can.reviewPanelItems(me.role)} />
            ))}
            {x.systemSlug === 'telemonitoring-rules' && (
              <section aria-labelledby={`missed-${x.id}`}>
                <Title order={3} size="h4" id={`missed-${x.id}`}>
                  {t('panel.missed.title', { count: x.missedEvents.length })}
                </Title>
                <Text size="sm">{t('panel.missed.help')}</Text>
                <ul className="plain-list">
                  {x.missedEvents.map((m) => (
                    <li key={`${m.person}-${m.occurredAt}`}>
                      {formatDateTime(m.occurredAt)} — {m.person} — {t(`tm.missed.kinds.${m.kind as 'other'}`)} : {m.description}{' '}
                      <strong>({t(`panel.missed.before.${m.before}`)})</strong>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </Stack>
        </Card>
      ))}
      <Actions session={s} />
      {s.status === 'open' && can.organisePanel(me.role) && <CloseSession session={s} />}
    </Stack>
  );
}

function Verify({ sampleId }: { sampleId: string }) {
  const { t } = useTranslation();
  const v = useMutation({ mutationFn: () => voiceEndpoints.verifySample(sampleId) });
  return (
    <Group gap="xs">
      <Button size="sm" variant="subtle" onClick={() => v.mutate()} loading={v.isPending}>
        {t('panel.verify')}
      </Button>
      {v.data && (
        <Text role="status" size="sm" fw={600}>
          {v.data.reproducible ? t('panel.verified') : t('panel.notVerified', { missing: v.data.missing.length, extra: v.data.extra.length })}
        </Text>
      )}
      {v.isError && <ErrorMessage error={v.error} />}
    </Group>
  );
}

function DrawForm({ session }: { session: PanelSession }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const systems = useQuery({ queryKey: guaranteeKeys.aiSystems, queryFn: guaranteeEndpoints.aiSystems });
  const [slug, setSlug] = useState<string | null>(null);
  const [from, setFrom] = useState(addDaysIso(todayIso(), -90));
  const [to, setTo] = useState(todayIso());
  const [perStratum, setPerStratum] = useState(3);
  const [seed, setSeed] = useState<number | ''>('');
  const draw = useMutation({
    mutationFn: () => voiceEndpoints.drawSample(session.id, { systemSlug: slug ?? '', from, to, perStratum, ...(seed === '' ? {} : { seed }) }),
    onSuccess: (s) => qc.setQueryData(voiceKeys.session(session.id), s),
  });
  const err = (f: string) => fieldErrorOf(draw.error, f);
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          draw.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{t('panel.draw')}</Title>
          <Group wrap="wrap" align="flex-start">
            <Select
              label={t('panel.feature')}
              data={(systems.data ?? []).map((s) => ({ value: s.slug, label: s.name }))}
              value={slug}
              onChange={setSlug}
              required
              error={err('systemSlug')}
              w={300}
            />
            <TextInput type="date" label={t('panel.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={err('from')} required />
            <TextInput type="date" label={t('panel.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={err('to')} required />
            <NumberInput
              label={t('panel.perStratum')}
              value={perStratum}
              onChange={(v) => setPerStratum(Number(v) || 0)}
              min={0}
              max={200}
              allowDecimal={false}
              w={220}
            />
            <NumberInput
              label={t('panel.seed')}
              description={t('panel.seedHelp')}
              value={seed}
              onChange={(v) => setSeed(v === '' ? '' : Number(v))}
              min={0}
              allowDecimal={false}
              w={260}
            />
          </Group>
          <Group>
            <Button type="submit" loading={draw.isPending}>
              {t('panel.drawButton')}
            </Button>
          </Group>
          {draw.isError && !err('from') && !err('systemSlug') && <ErrorMessage error={draw.error} />}
        </Stack>
      </form>
    </Card>
  );
}

const FLAG_COLOUR: Record<string, string> = { override: 'blue.9', alert_confirmed: '#1e6b34' };

function ItemCard({ item: i, sessionId, editable }: { item: PanelItem; sessionId: string; editable: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [finding, setFinding] = useState<'appropriate' | 'problem' | null>(i.finding);
  const [category, setCategory] = useState<ProblemCategory | null>(i.problemCategory);
  const [comment, setComment] = useState(i.comment);
  const save = useMutation({
    mutationFn: () => voiceEndpoints.setFinding(i.id, { finding: finding ?? 'appropriate', problemCategory: finding === 'problem' ? category : null, comment }),
    onSuccess: (s) => qc.setQueryData(voiceKeys.session(sessionId), s),
  });
  return (
    <Card withBorder padding="sm" component="article" aria-label={i.title} className={i.finding === 'problem' ? 'panel-item panel-item-problem' : 'panel-item'}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <div>
            <Text fw={700}>
              {i.person && !i.title.includes(i.person) && `${i.person} — `}
              {can.seeProposals(me.role) ? <Link to={`/proposals/${i.proposalId}`}>{i.title}</Link> : i.title}
            </Text>
            <Text size="sm">
              {t(`panel.decisions.${i.decision}`)} ·{' '}
              {i.decidedAt &&
                t('panel.decidedBy', { at: formatDateTime(i.decidedAt), role: i.deciderRole ? (tDynamic(`roles.${i.deciderRole}`) ?? i.deciderRole) : '–' })}
            </Text>
          </div>
          <Group gap={4}>
            {i.stratum && <Badge color="gray.7">{t(`panel.stratum.${i.stratum as 'accepted'}`)}</Badge>}
            {i.flags.map((f) => (
              <Badge key={f} color={FLAG_COLOUR[f] ?? 'red.9'}>
                {t(`panel.flags.${f as 'override'}`)}
              </Badge>
            ))}
          </Group>
        </Group>
        {i.summary && <Text size="sm">{i.summary}</Text>}
        {i.decisionReason && <Text size="sm">{t('panel.reason', { reason: i.decisionReason })}</Text>}
        {i.reviewedBy && i.reviewedAt && (
          <Text size="sm" fw={600}>
            {t('panel.reviewedBy', { name: i.reviewedBy, at: formatDateTime(i.reviewedAt) })} : {t(`panel.findings.${i.finding!}`)}
            {i.problemCategory && ` — ${t(`panel.problems.${i.problemCategory}`)}`}
            {i.comment && ` — ${i.comment}`}
          </Text>
        )}
        {editable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Stack gap={6}>
              <Radio.Group label={t('panel.finding')} value={finding ?? ''} onChange={(v) => setFinding(v as 'appropriate' | 'problem')}>
                <Group gap="md" mt={4}>
                  <Radio value="appropriate" label={t('panel.findings.appropriate')} />
                  <Radio value="problem" label={t('panel.findings.problem')} />
                </Group>
              </Radio.Group>
              {finding === 'problem' && (
                <Select
                  label={t('panel.problemCategory')}
                  data={PANEL_PROBLEM_CATEGORIES.map((k) => ({ value: k, label: t(`panel.problems.${k}`) }))}
                  value={category}
                  onChange={(v) => setCategory(v)}
                  error={fieldErrorOf(save.error, 'problemCategory')}
                  w={320}
                />
              )}
              <TextInput label={t('panel.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} maxLength={2000} />
              <Group>
                <Button type="submit" size="sm" variant="outline" disabled={finding === null} loading={save.isPending}>
                  {t('panel.saveFinding')}
                </Button>
              </Group>
              {save.isError && !fieldErrorOf(save.error, 'problemCategory') && <ErrorMessage error={save.error} />}
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function Actions({ session: s }: { session: PanelSession }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const systems = useQuery({ queryKey: guaranteeKeys.aiSystems, queryFn: guaranteeEndpoints.aiSystems });
  const [kind, setKind] = useState<PanelActionKind>('adjust');
  const [slug, setSlug] = useState<string | null>(s.samples[0]?.systemSlug ?? null);
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(addDaysIso(todayIso(), 30));
  const organise = can.organisePanel(me.role);
  const add = useMutation({
    mutationFn: () => voiceEndpoints.addAction(s.id, { systemSlug: slug, kind, description, ownerName: owner, dueOn: due }),
    onSuccess: (x) => {
      qc.setQueryData(voiceKeys.session(s.id), x);
      setDescription('');
    },
  });
  const update = useMutation({
    mutationFn: (a: { id: string; status: PanelActionStatus }) => voiceEndpoints.updateAction(a.id, a.status),
    onSuccess: (x) => qc.setQueryData(voiceKeys.session(s.id), x),
  });
  const err = (f: string) => fieldErrorOf(add.error, f);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2}>{t('panel.actions')}</Title>
        {s.actions.length === 0 && <Text>{t('panel.noAction')}</Text>}
        <ul className="panel-actions">
          {s.actions.map((a) => (
            <li key={a.id}>
              <Group gap="xs" wrap="wrap">
                <Text>
                  {t('panel.actionLine', { kind: t(`panel.actionKinds.${a.kind}`), description: a.description, owner: a.ownerName, due: formatDate(a.dueOn) })}
                  {a.systemSlug && ` (${systems.data?.find((x) => x.slug === a.systemSlug)?.name ?? a.systemSlug})`}
                </Text>
                {organise ? (
                  <Select
                    aria-label={t('panel.actionStatus')}
                    data={PANEL_ACTION_STATUSES.map((k) => ({ value: k, label: t(`panel.actionStatuses.${k}`) }))}
                    value={a.status}
                    onChange={(v) => v && update.mutate({ id: a.id, status: v })}
                    allowDeselect={false}
                    w={160}
                    size="xs"
                  />
                ) : (
                  <Badge color="gray.8">{t(`panel.actionStatuses.${a.status}`)}</Badge>
                )}
              </Group>
            </li>
          ))}
        </ul>
        {organise && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <Stack gap="xs">
              <Group wrap="wrap" align="flex-start">
                <Select
                  label={t('panel.actionKind')}
                  data={PANEL_ACTION_KINDS.map((k) => ({ value: k, label: t(`panel.actionKinds.${k}`) }))}
                  value={kind}
                  onChange={(v) => v && setKind(v)}
                  allowDeselect={false}
                  w={220}
                />
                <Select
                  label={t('panel.actionFeature')}
                  data={[{ value: '', label: t('panel.actionNone') }, ...(systems.data ?? []).map((x) => ({ value: x.slug, label: x.name }))]}
                  value={slug ?? ''}
                  onChange={(v) => setSlug(v || null)}
                  w={300}
                />
              </Group>
              <Textarea
                label={t('panel.actionDescription')}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={err('description')}
                required
                autosize
                minRows={2}
                maxLength={2000}
              />
              <Group wrap="wrap" align="flex-start">
                <TextInput
                  label={t('panel.owner')}
                  value={owner}
                  onChange={(e) => setOwner(e.currentTarget.value)}
                  error={err('ownerName')}
                  required
                  maxLength={120}
                />
                <TextInput type="date" label={t('panel.dueOn')} value={due} onChange={(e) => setDue(e.currentTarget.value)} error={err('dueOn')} required />
              </Group>
              <Group>
                <Button type="submit" variant="outline" loading={add.isPending}>
                  {t('panel.addAction')}
                </Button>
              </Group>
              {add.isError && <ErrorMessage error={add.error} />}
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function CloseSession({ session }: { session: PanelSession }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const close = useMutation({
    mutationFn: () => voiceEndpoints.closeSession(session.id),
    onSuccess: (s) => {
      qc.setQueryData(voiceKeys.session(session.id), s);
      void qc.invalidateQueries({ queryKey: voiceKeys.sessions });
    },
  });
  return (
    <Group>
      <Button onClick={() => close.mutate()} loading={close.isPending}>
        {t('panel.close')}
      </Button>
      {close.isError && <ErrorMessage error={close.error} serverMessage />}
    </Group>
  );
}
