import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_LENGTH, analyzeNote, type SignalOccurrence } from './analyzer.js';
import { parseCorpus, scoreCorpus } from './evaluate-corpus.js';
import { findPatterns } from './patterns.js';

const corpus = (name: string) => parseCorpus(readFileSync(new URL(`../../test/data/care-notes-${name}.jsonl`, import.meta.url), 'utf8'));

/** "signal[flags]=surface" for compact assertions; flags: n(egated) u(ncertain) h(istorical) o(ther). */
function summary(text: string): string[] {
  return analyzeNote(text).map((s: SignalOccurrence) => {
    const flags = `${s.negated ? 'n' : ''}${s.uncertain ? 'u' : ''}${s.historical ? 'h' : ''}${s.experiencer === 'other' ? 'o' : ''}`;
    return `${s.signal}${flags ? `[${flags}]` : ''}=${text.slice(s.start, s.end)}`;
  });
}

describe('note analyser', () => {
  it('finds signals with their span in the note as written', () => {
    expect(summary('Mme D. retrouvée au sol ce matin, se plaint du genou.')).toEqual(['fall=retrouvée au sol', 'pain=se plaint du genou']);
    expect(summary('T° 38,6 ce soir. Mange peu depuis 3 jours, a perdu 2 kg.')).toEqual([
      'fever=T° 38,6',
      'appetite_loss=Mange peu',
      'weight_loss=a perdu 2 kg',
    ]);
  });

  it('marks negations, doubt, history and other people', () => {
    expect(summary('Pas de douleur, aucune chute, apyrétique.')).toEqual(['pain[n]=douleur', 'fall[n]=chute', 'fever[n]=apyrétique']);
    expect(summary('Ni fièvre ni toux.')).toEqual(['fever[n]=fièvre']);
    // « plus » alone compares; « plus de » denies
    expect(summary('Plus douloureuse ce soir, plus de fièvre.')).toEqual(['pain=douloureuse', 'fever[n]=fièvre']);
    expect(summary('Semble douloureuse à la mobilisation.')).toEqual(['pain[u]=douloureuse']);
    expect(summary('Escarre débutante au sacrum ? à vérifier.')).toEqual(['skin_lesion[u]=Escarre']);
    expect(summary('ATCD de chute en 2023.')).toEqual(['fall[h]=chute']);
    expect(summary('Sa fille est très angoissée.')).toEqual(['anxiety[o]=angoissée']);
    expect(summary('La fille de Mme B., très inquiète de la perte de poids de sa mère.')).toEqual(['anxiety[o]=inquiète', 'weight_loss=perte de poids']);
    expect(summary('Pas d’antécédent de chute.')).toEqual(['fall[nh]=chute']);
  });

  it('reads abbreviations, typos and capitals', () => {
    expect(summary('chutte ds la sdb, doulleur hanche')).toEqual(['fall=chutte', 'pain=doulleur']);
    expect(summary('NUIT AGITEE, DEAMBULE DANS LE COULOIR')).toEqual(['sleep_disturbance=NUIT AGITEE', 'wandering=DEAMBULE']);
    expect(summary('desorientee, EVA 6/10')).toEqual(['confusion=desorientee', 'pain=EVA 6/10']);
  });

  it('ignores look-alikes and the DAR header', () => {
    expect(summary('Elle est tombée amoureuse de la chorale, a fait tomber son verre.')).toEqual([]);
    expect(summary('Matelas anti-escarre installé. Change complet fait. Mange avec douceur.')).toEqual([]);
    expect(summary('Cible : Chute\nD : RAS')).toEqual([]);
  });

  it('keeps spans right around accents, ligatures and emoji', () => {
    const text = '😊 Sœur présente. Cœur léger 😊 mais se sent très seule, pleure.';
    for (const s of analyzeNote(text)) expect(['se sent très seule', 'pleure']).toContain(text.slice(s.start, s.end));
    expect(analyzeNote(text)).toHaveLength(2);
  });

  it('refuses a note longer than the documented limit', () => {
    expect(() => analyzeNote('x'.repeat(MAX_NOTE_LENGTH + 1))).toThrow(RangeError);
    expect(analyzeNote('')).toEqual([]);
  });

  // The corpora are described in docs/note-annotation.md; figures in docs/benchmarks.md.
  it.each([
    ['dev', 0.95],
    ['test', 0.9],
  ])('scores at least the target on the %s corpus (micro-F1 ≥ %s, every context flag ≥ 0.95)', (name, target) => {
    const s = scoreCorpus(corpus(name), analyzeNote);
    expect(s.micro.f1).toBeGreaterThanOrEqual(target);
    for (const flag of Object.values(s.context)) expect(flag.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('the scorer counts what it should: a perfect analyser scores 1, an empty one 0', () => {
    const notes = corpus('dev');
    const byText = new Map(notes.map((n) => [n.text, n.signals]));
    expect(scoreCorpus(notes, (t) => byText.get(t) ?? []).micro.f1).toBe(1);
    const empty = scoreCorpus(notes, () => []);
    expect(empty.micro.recall).toBe(0);
    expect(empty.micro.fn).toBe(notes.reduce((a, n) => a + n.signals.length, 0));
  });
});

describe('patterns over time', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const note = (id: string, at: string, text: string) => ({ id, at, signals: analyzeNote(text) });

  it('three falls in seven days propose a fall-risk assessment, not two, not outside the window', () => {
    const falls = [
      note('a', '2026-11-17T08:00:00Z', 'Chute au réveil.'),
      note('b', '2026-11-20T08:00:00Z', 'Retrouvée au sol.'),
      note('c', '2026-11-23T07:00:00Z', 'Nouvelle chute.'),
    ];
    expect(findPatterns(falls, now).map((f) => f.rule)).toEqual(['falls']);
    expect(findPatterns(falls.slice(1), now)).toEqual([]);
    expect(findPatterns([note('old', '2026-11-10T08:00:00Z', 'Chute.'), ...falls.slice(1)], now)).toEqual([]);
  });

  it('appetite loss counts days, and only affirmed mentions about the person count', () => {
    const days = ['19', '20', '21', '22'].map((d) => note(d, `2026-11-${d}T12:00:00Z`, 'Mange peu ce midi.'));
    expect(findPatterns(days, now).map((f) => f.rule)).toEqual(['appetite']);
    const sameDay = ['1', '2', '3', '4'].map((d) => note(d, `2026-11-22T1${d}:00:00Z`, 'Mange peu.'));
    expect(findPatterns(sameDay, now)).toEqual([]);
    const negated = ['17', '20', '21'].map((d) => note(d, `2026-11-${d}T08:00:00Z`, 'Pas de chute. Sa voisine a chuté.'));
    expect(findPatterns(negated, now)).toEqual([]);
  });
});
