import { Badge, Button, Card, Chip, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { NOTE_SIGNALS, type NoteField, type NoteSignalDto, type PersonDetail } from '@presence/shared';
import { can, isApiError, issueMessage, notesEndpoints, notesKeys, type CareNote, type NoteDraft, type NoteFilters, type NoteTarget } from '../../api';
import { guaranteeEndpoints, guaranteeKeys } from '../../api/guarantee';
import { AiLabel } from '../../ui/AiLabel';
import { useMe } from '../../ui/auth';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { formatDate, formatDateTime } from '../../ui/format';
import { useTaskTimer } from '../../ui/useTaskTimer';

type Lang = 'fr' | 'en';
const EMPTY: NoteDraft = { format: 'dar', targetKey: null, data: '', actions: '', results: '', body: '' };

/** Ready-made starts for the notes written most often: one tap, then complete. */
const TEMPLATES: { key: 'ras' | 'fall' | 'meal' | 'pain' | 'refusal'; draft: NoteDraft }[] = [
  { key: 'ras', draft: { ...EMPTY, format: 'free', body: 'RAS.' } },
  { key: 'fall', draft: { ...EMPTY, targetKey: 'chute', data: 'Retrouvé(e) au sol à …h dans …', actions: 'Relevé(e) à 2, IDE prévenue, constantes prises.' } },
  { key: 'meal', draft: { ...EMPTY, targetKey: 'alimentation', data: 'A mangé …/4 du repas.' } },
  { key: 'pain', draft: { ...EMPTY, targetKey: 'douleur', data: 'Se plaint de … EVA …/10.' } },
  { key: 'refusal', draft: { ...EMPTY, targetKey: 'refus_soins', data: 'Refuse …', actions: 'Soin reproposé à …h.' } },
];

const targetLabel = (targets: NoteTarget[], key: string, lang: Lang) => {
  const t = targets.find((x) => x.key === key);
  return t ? (lang === 'en' ? t.labelEn : t.labelFr) : key;
};

/** The person's care notes: quick entry, filters, and the timeline with the analyser's proposals. */
export function NotesSection({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'fr';
  const [filters, setFilters] = useState<NoteFilters>({});
  const targets = useQuery({ queryKey: notesKeys.targets, queryFn: notesEndpoints.targets });
  const notes = useQuery({ queryKey: notesKeys.list(person.id, filters), queryFn: () => notesEndpoints.list(person.id, filters) });
  const active = (targets.data ?? []).filter((x) => x.active);
  // A link to one note (from a synthesis): scroll to it and move the focus there once the timeline is shown.
  const [params] = useSearchParams();
  const wanted = params.get('note');
  useEffect(() => {
    if (!wanted || !notes.data) return;
    const el = document.getElementById(`note-${wanted}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  }, [wanted, notes.data]);

  return (
    <Stack gap="md">
      {can.writeNotes(me.role) && targets.data && <NoteForm personId={person.id} targets={active} lang={lang} />}
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2}>{t('notes.timeline')}</Title>
          <Group align="flex-end" wrap="wrap" gap="sm">
            <Select
              label={t('notes.filterTarget')}
              data={active.map((x) => ({ value: x.key, label: lang === 'en' ? x.labelEn : x.labelFr }))}
              value={filters.target ?? null}
              onChange={(v) => setFilters((f) => ({ ...f, target: v ?? undefined }))}
              clearable
              w={200}
            />
            <Select
              label={t('notes.filterSignal')}
              data={NOTE_SIGNALS.map((s) => ({ value: s, label: t(`signals.${s}`) }))}
              value={filters.signal ?? null}
              onChange={(v) => setFilters((f) => ({ ...f, signal: (v as NoteFilters['signal']) ?? undefined }))}
              clearable
              w={220}
            />
            <TextInput
              type="date"
              label={t('notes.from')}
              value={filters.from ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, from: e.currentTarget.value || undefined }))}
            />
            <TextInput
              type="date"
              label={t('notes.to')}
              value={filters.to ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, to: e.currentTarget.value || undefined }))}
            />
            <TextInput
              label={t('notes.search')}
              value={filters.q ?? ''}
              onChange={(e) => setFilters((f) => ({ ...f, q: e.currentTarget.value || undefined }))}
              w={200}
            />
          </Group>
          <Text size="sm">{t('notes.legend')}</Text>
          {notes.isPending && <Loading />}
          {notes.isError && <ErrorMessage error={notes.error} />}
          {notes.data?.length === 0 && <Text>{t('notes.none')}</Text>}
          <Stack gap="sm" component="ol" className="note-timeline" aria-label={t('notes.timeline')}>
            {notes.data?.map((n) => (
              <NoteCard key={n.id} note={n} personId={person.id} targets={targets.data ?? []} lang={lang} />
            ))}
          </Stack>
        </Stack>
      </Card>
    </Stack>
  );
}

function NoteForm({
  personId,
  targets,
  lang,
  initial,
  noteId,
  onDone,
}: {
  personId: string;
  targets: NoteTarget[];
  lang: Lang;
  initial?: NoteDraft;
  noteId?: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState<NoteDraft>(initial ?? EMPTY);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // writing a new note is timed (no writing assistant: the time given back reports it as measured, without a saving)
  const timer = useTaskTimer('care_note');
  const save = useMutation({
    mutationFn: () => {
      const body: NoteDraft = { ...draft, observedAt: draft.observedAt ? new Date(draft.observedAt).toISOString() : undefined };
      return noteId ? notesEndpoints.correct(personId, noteId, body, reason) : notesEndpoints.create(personId, body);
    },
    onSuccess: async () => {
      setErrors({});
      setSaved(true);
      if (!noteId) {
        timer.finish(false);
        setDraft(EMPTY);
      }
      await client.invalidateQueries({ queryKey: notesKeys.all(personId) });
      await client.invalidateQueries({ queryKey: guaranteeKeys.proposalsAll });
      onDone?.();
    },
    onError: (err) => {
      setSaved(false);
      const out: Record<string, string> = {};
      if (isApiError(err)) for (const i of err.issues) out[i.field.replace(/^note\./, '')] ??= issueMessage(i);
      setErrors(out);
    },
  });
  const set = (patch: Partial<NoteDraft>) => {
    timer.touch();
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const field = (name: NoteField, rows = 2) => (
    <Textarea
      label={t(`notes.fields.${name}`)}
      value={draft[name]}
      onChange={(e) => set({ [name]: e.currentTarget.value })}
      error={errors[name]}
      autosize
      minRows={rows}
      maxLength={4000}
    />
  );
  return (
    <Card withBorder component="section" aria-labelledby={noteId ? undefined : 'new-note-title'}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          {!noteId && (
            <>
              <Title order={2} id="new-note-title">
                {t('notes.new')}
              </Title>
              <Group gap="xs" aria-label={t('notes.templates')} role="group">
                <Text size="sm">{t('notes.templates')} :</Text>
                {TEMPLATES.map((tpl) => (
                  <Button key={tpl.key} size="compact-md" variant="light" onClick={() => set(tpl.draft)}>
                    {t(`notes.template.${tpl.key}`)}
                  </Button>
                ))}
              </Group>
            </>
          )}
          <SegmentedControl
            aria-label={t('notes.format')}
            value={draft.format}
            onChange={(v) => set({ format: v })}
            data={[
              { value: 'dar', label: t('notes.dar') },
              { value: 'free', label: t('notes.free') },
            ]}
            w="fit-content"
          />
          <Stack gap={4}>
            <Text fw={600} id={`target-label-${noteId ?? 'new'}`}>
              {t('notes.target')}
              {draft.format === 'free' ? ` (${t('notes.optional')})` : ''}
            </Text>
            <Chip.Group multiple={false} value={draft.targetKey ?? ''} onChange={(v) => set({ targetKey: v || null })}>
              <Group gap={6} role="radiogroup" aria-labelledby={`target-label-${noteId ?? 'new'}`}>
                {targets.map((x) => (
                  <Chip key={x.key} value={x.key} size="md">
                    {lang === 'en' ? x.labelEn : x.labelFr}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {errors.targetKey && (
              <Text c="red.8" size="sm" role="alert">
                {errors.targetKey}
              </Text>
            )}
          </Stack>
          {draft.format === 'dar' ? (
            <>
              {field('data')}
              {field('actions')}
              {field('results')}
            </>
          ) : (
            field('body', 3)
          )}
          <TextInput
            type="datetime-local"
            label={t('notes.observedAt')}
            description={t('notes.observedAtHelp')}
            value={draft.observedAt ?? ''}
            onChange={(e) => set({ observedAt: e.currentTarget.value || undefined })}
            error={errors.observedAt}
            w={260}
          />
          {noteId && <TextInput label={t('notes.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} required />}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {noteId ? t('notes.saveCorrection') : t('notes.save')}
            </Button>
            {onDone && (
              <Button variant="subtle" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            )}
            {saved && !noteId && (
              <Text role="status" c="green.9">
                {t('notes.saved')}
              </Text>
            )}
          </Group>
          {save.isError && Object.keys(errors).length === 0 && <ErrorMessage error={save.error} />}
        </Stack>
      </form>
    </Card>
  );
}

/** A field's text with the analyser's signals marked; the meaning is in words, not only colour. */
function Marked({ text, signals }: { text: string; signals: NoteSignalDto[] }) {
  const { t } = useTranslation();
  const sorted = [...signals].sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    parts.push(text.slice(at, s.start));
    const flags = [
      s.negated && t('notes.flag.negated'),
      s.uncertain && t('notes.flag.uncertain'),
      s.historical && t('notes.flag.historical'),
      s.experiencer === 'other' && t('notes.flag.other'),
    ].filter(Boolean);
    const quiet = s.negated || s.historical || s.experiencer === 'other';
    parts.push(
      <mark key={`${s.start}-${s.signal}`} className={quiet ? 'note-signal note-signal-quiet' : 'note-signal'}>
        {text.slice(s.start, s.end)}
        <span className="note-signal-tag">
          {' '}
          [{t(`signals.${s.signal}`)}
          {flags.length ? ` · ${flags.join(', ')}` : ''}]
        </span>
      </mark>,
    );
    at = s.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function NoteCard({ note, personId, targets, lang }: { note: CareNote; personId: string; targets: NoteTarget[]; lang: Lang }) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const canCorrect = can.writeNotes(me.role) && (note.author.id === me.id || me.role === 'head_of_care' || me.role === 'coordination_nurse');
  const fields: NoteField[] = note.format === 'dar' ? ['data', 'actions', 'results'] : ['body'];
  const signalsOf = (f: NoteField) => (note.signals ?? []).filter((s) => s.field === f);
  return (
    <Card withBorder component="li" padding="sm" className="note-card" id={`note-${note.id}`} tabIndex={-1}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={700}>{formatDateTime(note.observedAt)}</Text>
          <Text>· {note.author.name}</Text>
          {note.targetKey && (
            <Badge color="indigo.8" size="lg" variant="filled">
              {targetLabel(targets, note.targetKey, lang)}
            </Badge>
          )}
          {note.aiTargets.map((k) => (
            <Badge key={k} color="grape.9" size="lg" variant="outline">
              {targetLabel(targets, k, lang)}
            </Badge>
          ))}
          {note.corrected && (
            <Button variant="subtle" size="compact-sm" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory}>
              {t('notes.corrected', { date: formatDate(note.updatedAt) })}
            </Button>
          )}
        </Group>
        {note.aiLabel && note.aiTargets.length > 0 && <AiLabel label={note.aiLabel} linkToProposal={can.seeProposals(me.role)} />}
        {editing ? (
          <NoteForm
            personId={personId}
            targets={targets.filter((x) => x.active)}
            lang={lang}
            noteId={note.id}
            initial={{ format: note.format, targetKey: note.targetKey, data: note.data, actions: note.actions, results: note.results, body: note.body }}
            onDone={() => setEditing(false)}
          />
        ) : (
          fields.map((f) =>
            note[f] ? (
              <Text key={f} style={{ whiteSpace: 'pre-wrap' }}>
                {note.format === 'dar' && <strong>{t(`notes.short.${f}`)} : </strong>}
                <Marked text={note[f]} signals={signalsOf(f)} />
              </Text>
            ) : null,
          )
        )}
        {note.suggestion?.status === 'pending' && <Suggestion note={note} targets={targets} lang={lang} personId={personId} />}
        {canCorrect && !editing && (
          <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setEditing(true)}>
            {t('notes.correct')}
          </Button>
        )}
        {showHistory && <History personId={personId} noteId={note.id} />}
      </Stack>
    </Card>
  );
}

function Suggestion({ note, targets, lang, personId }: { note: CareNote; targets: NoteTarget[]; lang: Lang; personId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const suggestion = note.suggestion!;
  const decide = useMutation({
    mutationFn: (d: 'accept' | 'reject') =>
      guaranteeEndpoints.decide(suggestion.proposalId, d === 'accept' ? { decision: 'accept' } : { decision: 'reject', reason }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: notesKeys.all(personId) });
      await client.invalidateQueries({ queryKey: guaranteeKeys.proposalsAll });
    },
  });
  const names = suggestion.targets.map((k) => targetLabel(targets, k, lang)).join(', ');
  return (
    <div className="note-suggestion" role="group" aria-label={t('notes.suggestionLabel')}>
      <Stack gap={6}>
        <Text>
          <span className="ai-label-badge">{t('aiLabel.badge')}</span> {t('notes.suggestion', { targets: names })}{' '}
          {can.seeProposals(me.role) && <Link to={`/proposals/${suggestion.proposalId}`}>{t('notes.why')}</Link>}
        </Text>
        {can.seeProposals(me.role) && (
          <Group gap="xs">
            <Button size="compact-md" onClick={() => decide.mutate('accept')} loading={decide.isPending && !rejecting}>
              {t('notes.accept')}
            </Button>
            {rejecting ? (
              <>
                <TextInput
                  aria-label={t('notes.rejectReason')}
                  placeholder={t('notes.rejectReason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  size="sm"
                />
                <Button size="compact-md" variant="outline" color="red.9" disabled={!reason.trim()} onClick={() => decide.mutate('reject')}>
                  {t('notes.confirmReject')}
                </Button>
              </>
            ) : (
              <Button size="compact-md" variant="outline" onClick={() => setRejecting(true)}>
                {t('notes.reject')}
              </Button>
            )}
          </Group>
        )}
        {decide.isError && <ErrorMessage error={decide.error} />}
      </Stack>
    </div>
  );
}

function History({ personId, noteId }: { personId: string; noteId: string }) {
  const { t } = useTranslation();
  const h = useQuery({ queryKey: notesKeys.history(personId, noteId), queryFn: () => notesEndpoints.history(personId, noteId) });
  if (h.isPending) return <Loading />;
  if (h.isError) return <ErrorMessage error={h.error} />;
  return (
    <Stack gap={4} className="note-history" aria-label={t('notes.history')}>
      {h.data.versions.map((v) => (
        <Text key={v.version} size="sm">
          {t('notes.version', { version: v.version, by: v.writtenBy, date: formatDateTime(v.writtenAt), corrector: v.replacedBy, reason: v.reason })}
          <br />
          <span style={{ whiteSpace: 'pre-wrap' }}>{[v.data, v.actions, v.results, v.body].filter(Boolean).join(' / ')}</span>
        </Text>
      ))}
    </Stack>
  );
}
