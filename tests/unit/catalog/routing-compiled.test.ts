import { describe, expect, it } from 'vitest';
import { stemmer as en } from '@orama/stemmers/english';
import { stemmer as de } from '@orama/stemmers/german';
import { stemmer as fr } from '@orama/stemmers/french';
import { stemmer as es } from '@orama/stemmers/spanish';
import { compileVocabulary, Routing, type CompiledVocabulary, type VocabularyData } from '@/lib/catalog/routing';
import { schemes, schemeView } from '@/tests/fixtures/routing/evaluate';
import vocabulary from '@/lib/catalog/routing/data/vocabulary.json';
import shipped from '@/lib/catalog/routing/data/compiled.json';

const stemmers = { en, de, fr, es };

describe('the compiled vocabulary the popup loads', () => {
  it('is what the vocabulary compiles to today (run `npm run build-vocabulary` after editing it)', () => {
    expect(JSON.parse(JSON.stringify(compileVocabulary(vocabulary as VocabularyData, stemmers)))).toEqual(shipped);
  });

  it('routes exactly as the vocabulary compiled at run time does', () => {
    const fromShipped = new Routing(shipped as unknown as CompiledVocabulary, stemmers);
    const fromSource = new Routing(vocabulary as VocabularyData, stemmers);
    for (const scheme of schemes) {
      const { view } = schemeView(scheme);
      for (const text of ['the door of meeting room 3.14 does not lock', 'Türschloss kaputt', 'necesito una nómina', 'mot de passe oublié', 'labtop']) {
        expect(Array.from(fromShipped.score(text, view.entries).scores)).toEqual(Array.from(fromSource.score(text, view.entries).scores));
      }
    }
  });
});
