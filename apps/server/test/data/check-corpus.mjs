#!/usr/bin/env node
// Validates the annotated care-note corpus (docs/note-annotation.md) and prints counts.
// Usage: node apps/server/test/data/check-corpus.mjs [file.jsonl ...]
// Without arguments it checks care-notes-dev.jsonl and care-notes-test.jsonl next to this script.
// Exit code 0 when every check passes, 1 otherwise. No dependencies.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIGNALS = [
  'fall',
  'pain',
  'appetite_loss',
  'dehydration',
  'weight_loss',
  'sleep_disturbance',
  'agitation',
  'confusion',
  'low_mood',
  'anxiety',
  'isolation',
  'skin_lesion',
  'incontinence',
  'breathing_difficulty',
  'fever',
  'care_refusal',
  'wandering',
];
const FLAGS = ['negated', 'uncertain', 'historical'];
const NOTE_KEYS = ['id', 'text', 'signals'];
const SIGNAL_KEYS = ['signal', 'start', 'end', 'surface', 'negated', 'uncertain', 'historical', 'experiencer'];
const ID_PATTERN = { 'care-notes-dev.jsonl': /^d\d{3}$/, 'care-notes-test.jsonl': /^t\d{3}$/ };

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2) : ['care-notes-dev.jsonl', 'care-notes-test.jsonl'].map((f) => join(here, f));

const errors = [];
const seenIds = new Map();
const reports = [];

for (const file of files) {
  const name = basename(file);
  const idPattern = ID_PATTERN[name];
  const raw = readFileSync(file, 'utf8');
  if (!raw.endsWith('\n')) errors.push(`${name}: file does not end with a newline`);
  const lines = raw.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const report = {
    name,
    notes: 0,
    withoutSignal: 0,
    mentions: 0,
    perSignal: Object.fromEntries(SIGNALS.map((s) => [s, { total: 0, negated: 0, uncertain: 0, historical: 0, other: 0 }])),
    flags: { negated: 0, uncertain: 0, historical: 0, other: 0 },
  };
  lines.forEach((line, i) => {
    const where = `${name}:${i + 1}`;
    let note;
    try {
      note = JSON.parse(line);
    } catch (e) {
      errors.push(`${where}: invalid JSON (${e.message})`);
      return;
    }
    if (note === null || typeof note !== 'object' || Array.isArray(note)) {
      errors.push(`${where}: not an object`);
      return;
    }
    const extra = Object.keys(note).filter((k) => !NOTE_KEYS.includes(k));
    if (extra.length) errors.push(`${where}: unexpected keys ${extra.join(', ')}`);
    if (typeof note.id !== 'string' || note.id === '') {
      errors.push(`${where}: missing id`);
      return;
    }
    const at = `${where} (${note.id})`;
    if (idPattern && !idPattern.test(note.id)) errors.push(`${at}: id does not match ${idPattern}`);
    if (seenIds.has(note.id)) errors.push(`${at}: duplicate id (also ${seenIds.get(note.id)})`);
    seenIds.set(note.id, where);
    if (typeof note.text !== 'string' || note.text.trim() === '') errors.push(`${at}: text must be a non-empty string`);
    if (!Array.isArray(note.signals)) {
      errors.push(`${at}: signals must be an array`);
      return;
    }
    report.notes += 1;
    if (note.signals.length === 0) report.withoutSignal += 1;
    const text = typeof note.text === 'string' ? note.text : '';
    const spans = new Set();
    note.signals.forEach((s, j) => {
      const sat = `${at} signals[${j}]`;
      if (s === null || typeof s !== 'object') {
        errors.push(`${sat}: not an object`);
        return;
      }
      const missing = SIGNAL_KEYS.filter((k) => !(k in s));
      const unknown = Object.keys(s).filter((k) => !SIGNAL_KEYS.includes(k));
      if (missing.length) errors.push(`${sat}: missing ${missing.join(', ')}`);
      if (unknown.length) errors.push(`${sat}: unexpected keys ${unknown.join(', ')}`);
      if (!SIGNALS.includes(s.signal)) errors.push(`${sat}: unknown signal '${s.signal}'`);
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) errors.push(`${sat}: start/end must be integers`);
      else {
        if (!(s.start >= 0 && s.start < s.end && s.end <= text.length)) errors.push(`${sat}: bad offsets ${s.start}..${s.end}`);
        if (text.slice(s.start, s.end) !== s.surface)
          errors.push(`${sat}: text.slice(${s.start},${s.end}) = ${JSON.stringify(text.slice(s.start, s.end))} ≠ surface ${JSON.stringify(s.surface)}`);
        if (typeof s.surface === 'string' && s.surface !== s.surface.trim()) errors.push(`${sat}: surface has leading/trailing whitespace`);
        const key = `${s.signal}:${s.start}:${s.end}`;
        if (spans.has(key)) errors.push(`${sat}: duplicate annotation ${key}`);
        spans.add(key);
      }
      for (const f of FLAGS) if (typeof s[f] !== 'boolean') errors.push(`${sat}: ${f} must be a boolean`);
      if (s.experiencer !== 'person' && s.experiencer !== 'other') errors.push(`${sat}: experiencer must be "person" or "other"`);
      if (!SIGNALS.includes(s.signal)) return;
      report.mentions += 1;
      const c = report.perSignal[s.signal];
      c.total += 1;
      for (const f of FLAGS)
        if (s[f] === true) {
          c[f] += 1;
          report.flags[f] += 1;
        }
      if (s.experiencer === 'other') {
        c.other += 1;
        report.flags.other += 1;
      }
    });
  });
  reports.push(report);
}

const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : '0.0');
for (const r of reports) {
  console.log(`\n${r.name}: ${r.notes} notes (${r.withoutSignal} without signal), ${r.mentions} mentions\n`);
  console.log('| signal | mentions | negated | uncertain | historical | other |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const s of SIGNALS) {
    const c = r.perSignal[s];
    console.log(`| ${s} | ${c.total} | ${c.negated} | ${c.uncertain} | ${c.historical} | ${c.other} |`);
  }
  const f = r.flags;
  console.log(`| **all** | **${r.mentions}** | **${f.negated}** | **${f.uncertain}** | **${f.historical}** | **${f.other}** |`);
  console.log(
    `| share | | ${pct(f.negated, r.mentions)} % | ${pct(f.uncertain, r.mentions)} % | ${pct(f.historical, r.mentions)} % | ${pct(f.other, r.mentions)} % |`,
  );
}

if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log(`\nOK: ${seenIds.size} notes checked, all valid.`);
