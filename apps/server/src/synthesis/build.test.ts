import { describe, expect, it } from 'vitest';
import { buildSynthesis, sentencesOf, type SynthesisInput } from './build.js';

const base: SynthesisInput = {
  personName: 'Germaine Martin',
  from: '2026-11-01',
  to: '2026-11-14',
  notes: [],
  analysed: true,
  assessments: [],
  dues: [],
  sessions: [],
  appointments: [],
  plan: null,
  goals: [],
  profile: null,
};

const section = (c: ReturnType<typeof buildSynthesis>, key: string) => c.sections.find((s) => s.key === key)!.sentences;

describe('needs synthesis (extractive)', () => {
  it('counts signals in the period with their trend against the period before, each sentence linked to its notes', () => {
    const c = buildSynthesis({
      ...base,
      notes: [
        { id: 'n0', at: '2026-10-25T08:00:00Z', text: 'Chute.', signals: ['fall'] },
        { id: 'n1', at: '2026-11-02T08:00:00Z', text: 'Chute.', signals: ['fall', 'pain'] },
        { id: 'n2', at: '2026-11-05T08:00:00Z', text: 'Encore tombée.', signals: ['fall'] },
        { id: 'n3', at: '2026-10-20T08:00:00Z', text: 'Angoissée.', signals: ['anxiety'] },
      ],
    });
    const s = section(c, 'signals');
    expect(s[0]).toMatchObject({ text: 'Chute : 2 transmissions sur la période, en hausse (1 la période précédente).' });
    expect(s[0]!.sources.map((x) => x.id)).toEqual(['n1', 'n2']);
    expect(s[1]!.text).toBe('Douleur : 1 transmission sur la période, aucune la période précédente.');
    expect(s[2]!.text).toBe('Plus mentionné sur la période (présent la période précédente) : anxiété.');
    // ids in reading order, unique
    const ids = c.sections.flatMap((x) => x.sentences.map((y) => y.id));
    expect(ids).toEqual(ids.map((_, k) => `S${k + 1}`));
  });

  it('does not summarise signals when the analyser may not read the notes', () => {
    const c = buildSynthesis({ ...base, analysed: false, notes: [{ id: 'n1', at: '2026-11-02T08:00:00Z', text: 'Chute.', signals: null }] });
    expect(section(c, 'signals')[0]!.text).toMatch(/n’est pas utilisée/);
  });

  it('quotes what the person said they want, not what the family wants; keeps moments of life', () => {
    const c = buildSynthesis({
      ...base,
      notes: [
        { id: 'n1', at: '2026-11-03T10:00:00Z', text: 'Mme souhaite retourner au jardin. Sa fille souhaite plus de kiné.', signals: [] },
        { id: 'n2', at: '2026-11-04T10:00:00Z', text: 'Visite de sa petite-fille, très souriante. RAS par ailleurs.', signals: [] },
      ],
    });
    const wishes = section(c, 'wishes');
    expect(wishes.map((w) => w.text)).toEqual(['Le 03/11/2026 : « Mme souhaite retourner au jardin ».']);
    expect(wishes[0]!.sources).toEqual([{ type: 'care_note', id: 'n1', at: '2026-11-03T10:00:00Z' }]);
    expect(section(c, 'life').map((w) => w.text)).toEqual(['Le 04/11/2026 : « Visite de sa petite-fille, très souriante ».']);
  });

  it('compares each assessment with the previous one of its scale and lists what is due', () => {
    const c = buildSynthesis({
      ...base,
      assessments: [
        { id: 'a0', at: '2026-05-03T10:00:00Z', scale: 'aggir', label: 'Grille AGGIR', summary: 'GIR 4 (rang 9)', by: 'Dr A' },
        { id: 'a1', at: '2026-11-10T10:00:00Z', scale: 'aggir', label: 'Grille AGGIR', summary: 'GIR 3 (rang 7)', by: 'Dr B' },
      ],
      dues: [
        { id: 'd1', label: 'Évaluation nutritionnelle', dueBy: '2026-11-20', doneAt: null },
        { id: 'd2', label: 'Braden', dueBy: '2026-11-01', doneAt: '2026-11-02T00:00:00Z' },
      ],
    });
    const s = section(c, 'assessments');
    expect(s.map((x) => x.text)).toEqual([
      'Grille AGGIR le 10/11/2026 (Dr B) : GIR 3 (rang 7) ; précédemment GIR 4 (rang 9) le 03/05/2026.',
      'À faire avant le 20/11/2026 : Évaluation nutritionnelle.',
    ]);
    expect(s[0]!.sources.map((x) => x.id)).toEqual(['a1', 'a0']);
  });

  it('sums up attendance and engagement, and names activities attended with engagement or often declined', () => {
    const sess = (id: string, activity: string, status: 'present' | 'declined' | 'absent', engagement: number | null) => ({
      id,
      day: '2026-11-05',
      activity,
      status,
      engagement,
    });
    const c = buildSynthesis({
      ...base,
      sessions: [
        sess('s1', 'Chorale', 'present', 3),
        sess('s2', 'Chorale', 'present', 2),
        sess('s3', 'Gym douce', 'declined', null),
        sess('s4', 'Gym douce', 'declined', null),
        sess('s5', 'Loto', 'absent', null),
      ],
    });
    expect(section(c, 'activities').map((x) => x.text)).toEqual([
      '5 séances proposées : 2 suivies, 2 refusées, 1 absence ; engagement moyen 2,5 sur 3.',
      'Participation engagée à : Chorale.',
      'Refusé plusieurs fois : Gym douce (2).',
    ]);
  });

  it('splits sentences on punctuation and line breaks', () => {
    expect(sentencesOf('Bonne nuit. A demandé à voir son fils !\nRAS')).toEqual(['Bonne nuit.', 'A demandé à voir son fils !', 'RAS']);
  });
});
