import { describe, expect, it } from 'vitest';
import { splitCitedSentences } from './sentences.js';

const split = (content: string, headings: string[] = []) => splitCitedSentences(content, headings).map((s) => [s.text, s.citations]);

describe('splitCitedSentences', () => {
  it('takes markers before or after the final period, and removes them from the text', () => {
    expect(split('Elle dort mal [S1]. Elle mange seule. [S2][S5]\nElle aime chanter [S3]')).toEqual([
      ['Elle dort mal.', ['S1']],
      ['Elle mange seule.', ['S2', 'S5']],
      ['Elle aime chanter', ['S3']],
    ]);
  });

  it('reads marker lists and normalises ids; malformed markers become unknown ids', () => {
    expect(split('Elle dort mal [S2, s5]. Elle mange [S 3][1].')).toEqual([
      ['Elle dort mal.', ['S2', 'S5']],
      ['Elle mange.', ['S3', '1']],
    ]);
  });

  it('does not cut after an abbreviation, an initial, a decimal or before a lowercase word', () => {
    expect(split('Elle voit M. Garnier et le Dr. Petit le mardi [S1]. Mme D. Leroux pèse 52.5 kg, etc. mais mange peu [S2].')).toEqual([
      ['Elle voit M. Garnier et le Dr. Petit le mardi.', ['S1']],
      ['Mme D. Leroux pèse 52.5 kg, etc. mais mange peu.', ['S2']],
    ]);
  });

  it('cuts after an abbreviation that carries markers', () => {
    expect(split('Elle voit souvent M. [S1] Elle aime chanter [S2].')).toEqual([
      ['Elle voit souvent M.', ['S1']],
      ['Elle aime chanter.', ['S2']],
    ]);
  });

  it('keeps a quotation whole, and cuts where a quoted sentence ends', () => {
    expect(split('Elle dit : « J’ai mal. Je suis fatiguée. » [S4] Elle a dit "Non. Pas ce soir." Elle sourit [S5].')).toEqual([
      ['Elle dit : « J’ai mal. Je suis fatiguée. »', ['S4']],
      ['Elle a dit "Non. Pas ce soir."', []],
      ['Elle sourit.', ['S5']],
    ]);
  });

  it('leaves brackets without a digit in the text', () => {
    expect(split('Elle dit : « Je veux […] rentrer. » [S4]')).toEqual([['Elle dit : « Je veux […] rentrer. »', ['S4']]]);
  });

  it('finds a sentence without markers between two cited ones', () => {
    expect(split('Elle dort mal [S1]. Elle mange seule. Elle aime chanter [S3].')).toEqual([
      ['Elle dort mal.', ['S1']],
      ['Elle mange seule.', []],
      ['Elle aime chanter.', ['S3']],
    ]);
  });

  it('reads markers written before each sentence', () => {
    expect(split('[S1] Elle dort mal. [S2] Elle mange seule.')).toEqual([
      ['Elle dort mal.', ['S1']],
      ['Elle mange seule.', ['S2']],
    ]);
  });

  it('drops section titles, bullets and separators; markers alone on a line go to the sentence before', () => {
    const content = '## Autonomie\n- Elle dort mal [S1].\n**Vie sociale :**\n1. Elle aime chanter.\n[S3]\n---\nVie sociale';
    expect(split(content, ['Autonomie', 'Vie sociale'])).toEqual([
      ['Elle dort mal.', ['S1']],
      ['Elle aime chanter.', ['S3']],
    ]);
  });
});
