// Loading routing in one step: the router's code, the compiled vocabulary (data/compiled.json,
// ~91 KB, ~22 KB gzip: words already folded and stemmed at build time, so this only parses it)
// and the en/de/fr/es Snowball stemmers (~29 KB, ~7 KB gzip, for the words people type), each a
// chunk of its own, all asked for at once (a chain of imports would fetch them one after the
// other). Nothing is imported statically: the popup's module holds this file and starts it
// right after the first frame, beside React, so routing is in by the end of a typed sentence.
import type { Routing } from './route';
import type { CompiledVocabulary } from './compile';

export async function loadRouting(): Promise<Routing> {
  const [{ Routing: Router }, vocabulary, en, de, fr, es] = await Promise.all([
    import('./route'),
    import('./data/compiled.json'),
    import('@orama/stemmers/english'),
    import('@orama/stemmers/german'),
    import('@orama/stemmers/french'),
    import('@orama/stemmers/spanish'),
  ]);
  return new Router(vocabulary.default as unknown as CompiledVocabulary, { en: en.stemmer, de: de.stemmer, fr: fr.stemmer, es: es.stemmer });
}
