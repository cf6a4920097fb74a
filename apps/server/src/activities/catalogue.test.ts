import { describe, it, expect } from 'vitest';
import { CAPACITY_DOMAINS, GOAL_DOMAINS } from '@presence/shared';
import { INTERESTS } from '../demo/french-corpus-stories.js';
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, CATALOGUE, LEADER_SKILLS, ROOM_TYPES, findActivity } from './catalogue.js';
import { LIFE_STORY_HINTS } from './catalogue-lexicon.js';
import { fold, storyHints } from './catalogue-matching.js';

const allTags = new Set(CATALOGUE.flatMap((a) => a.tags.map(fold)));

describe('activity catalogue', () => {
  it('ships at least 60 activities with unique, slug-shaped keys', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(64);
    const keys = CATALOGUE.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(CATALOGUE.map((a) => fold(a.name))).size).toBe(CATALOGUE.length);
  });

  it('covers every category, with several activities each', () => {
    for (const category of ACTIVITY_CATEGORIES) {
      expect(CATALOGUE.filter((a) => a.category === category).length, category).toBeGreaterThanOrEqual(3);
      expect(ACTIVITY_CATEGORY_LABELS[category]).toBeTruthy();
    }
    for (const a of CATALOGUE) expect(ACTIVITY_CATEGORIES).toContain(a.category);
  });

  it('has valid ranges and vocabularies for every activity', () => {
    for (const a of CATALOGUE) {
      const where = a.key;
      expect(Number.isInteger(a.groupMin) && a.groupMin >= 1 && a.groupMin <= 20, where).toBe(true);
      expect(Number.isInteger(a.groupMax) && a.groupMax >= 1 && a.groupMax <= 20, where).toBe(true);
      expect(a.groupMin, where).toBeLessThanOrEqual(a.groupMax);
      expect(Number.isInteger(a.durationMinutes) && a.durationMinutes >= 20 && a.durationMinutes <= 240, where).toBe(true);
      expect(ROOM_TYPES, where).toContain(a.roomType);
      expect(LEADER_SKILLS, where).toContain(a.leaderSkill);
      expect(a.goalDomains.length, where).toBeGreaterThan(0);
      for (const d of a.goalDomains) expect(GOAL_DOMAINS, where).toContain(d);
      expect(new Set(a.goalDomains).size, where).toBe(a.goalDomains.length);
      for (const [domain, level] of Object.entries(a.requiredCapacities)) {
        expect(CAPACITY_DOMAINS, where).toContain(domain);
        expect([0, 1, 2, 3], where).toContain(level);
      }
      expect(a.tags.length, where).toBeGreaterThan(0);
      for (const t of a.tags) expect(t, where).toBe(t.toLowerCase().trim());
      expect(new Set(a.tags).size, where).toBe(a.tags.length);
      for (const c of a.contraindications) expect(c.trim().length, where).toBeGreaterThan(3);
      expect(a.materials.length, where).toBeGreaterThan(0);
      expect(a.name.trim(), where).toBe(a.name);
      expect(a.description, where).toMatch(/^[A-ZÀ-Ý«].{30,}[.!]$/);
    }
  });

  it('writes names and descriptions in French', () => {
    const text = fold(CATALOGUE.map((a) => `${a.name} ${a.description}`).join(' '));
    for (const word of ['atelier', 'avec', 'les', 'pour', 'jardin', 'chansons']) expect(text).toContain(word);
    expect(CATALOGUE.filter((a) => /[éèàçêôû]/.test(a.description)).length).toBeGreaterThan(CATALOGUE.length / 2);
  });

  it('matches the interests vocabulary of the people (demo corpus)', () => {
    const missing = INTERESTS.map(([label]) => label).filter((label) => !allTags.has(fold(label)));
    expect(missing).toEqual([]);
  });

  it('uses only life-story hints that lead to at least one activity', () => {
    for (const h of LIFE_STORY_HINTS) for (const t of h.tags) expect(allTags.has(fold(t)), `${h.label}: ${t}`).toBe(true);
    expect(storyHints('Elle a été couturière à la Croix-Rousse et a chanté dans la chorale paroissiale.').map((i) => LIFE_STORY_HINTS[i]!.label)).toEqual(
      expect.arrayContaining(['les métiers du fil et de la couture', 'la musique et le chant', 'la vie paroissiale']),
    );
    expect(storyHints('Il a rencontré Gilberte au bal du 14 Juillet.').map((i) => LIFE_STORY_HINTS[i]!.label)).toContain('les bals et les fêtes');
    expect(storyHints('Il a été balayeur.').map((i) => LIFE_STORY_HINTS[i]!.label)).not.toContain('les bals et les fêtes');
  });

  it('encodes the realities of the field', () => {
    // Walking groups need people who walk; seated gym and hand massage welcome everyone, including wheelchair users.
    for (const a of CATALOGUE.filter((x) => x.category === 'walking')) expect(a.requiredCapacities.mobility ?? 3, a.key).toBeLessThanOrEqual(2);
    expect(findActivity('groupe-marche-parc')?.requiredCapacities.mobility).toBe(1);
    expect(findActivity('gym-douce-assise')?.requiredCapacities.mobility).toBe(3);
    expect(findActivity('seance-snoezelen')?.roomType).toBe('snoezelen');
    expect(findActivity('mediation-animale-chien')?.contraindications).toContain('allergie aux poils');
    expect(findActivity('atelier-patisserie')?.roomType).toBe('kitchen');
    // Spiritual life is open to all faiths and to none.
    const spiritual = fold(
      CATALOGUE.filter((a) => a.category === 'spiritual')
        .map((a) => a.description)
        .join(' '),
    );
    for (const word of ['toutes confessions', 'non croyants', 'imam', 'pasteur', 'rabbin']) expect(spiritual).toContain(word);
    expect(findActivity('absent')).toBeUndefined();
  });
});
