// Routing's accuracy on the labelled set (top-1/top-3 per naming scheme and language, tuning
// half and held-out half) and the cost per keystroke over 5,000 forms with the vocabulary
// loaded. Run by bench/routing.mjs (INSTANT_DESK_ROUTING_BENCH=1); skipped in other runs.
import { describe, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { rank } from '@/lib/catalog/rank';
import { loadRouting } from '@/lib/catalog/routing';
import { syntheticCatalog, TYPED } from '@/lib/catalog/synthetic';
import { buildCatalogView } from '@/lib/catalog/view';
import { evaluate, percent, schemes } from '@/tests/fixtures/routing/evaluate';

const print = (line: string) => process.stdout.write(`BENCH ${line}\n`);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] as number;
const ms = (x: number) => `${x.toFixed(2)} ms`;

describe.skipIf(!process.env.INSTANT_DESK_ROUTING_BENCH)('routing', () => {
  it('accuracy and keystroke cost', async () => {
    let start = performance.now();
    const router = await loadRouting();
    const load = performance.now() - start;
    const size = (path: string) => {
      const bytes = readFileSync(path);
      return `${(bytes.length / 1024).toFixed(1)} KB (${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip)`;
    };
    print(`data: vocabulary ${size('lib/catalog/routing/data/vocabulary.json')}, compiled at build time to ${size('lib/catalog/routing/data/compiled.json')} (what the popup loads), stemmers en+de+fr+es ${['en', 'de', 'fr', 'es'].map((l) => readFileSync(`node_modules/@orama/stemmers/dist/${l}.js`)).reduce((a, b) => a + b.length, 0) / 1024 | 0} KB; loaded and compiled in ${ms(load)} (${router.concepts.length} concepts)`);

    for (const split of ['tune', 'held-out']) {
      const { tallies } = evaluate(router, (s) => s.split === split);
      const all = tallies.get('all')!;
      print(`${split}: ${all.n} sentence x scheme pairs: top-1 ${percent(all, 'top1')}, top-3 ${percent(all, 'top3')}`);
      for (const scheme of schemes) {
        const t = tallies.get(`scheme ${scheme.name}`)!;
        const langs = ['en', 'de', 'fr', 'es'].map((l) => {
          const x = tallies.get(`${scheme.name} ${l}`)!;
          return `${l} ${percent(x, 'top1')}/${percent(x, 'top3')}`;
        });
        print(`  ${split} ${scheme.name.padEnd(6)} top-1 ${percent(t, 'top1')}, top-3 ${percent(t, 'top3')} (n ${t.n}; ${langs.join(', ')})`);
      }
    }
    const { tallies } = evaluate(router);
    const all = tallies.get('all')!;
    print(`overall: top-1 ${percent(all, 'top1')} (target 90%), top-3 ${percent(all, 'top3')} (target 97%); by language ${['en', 'de', 'fr', 'es'].map((l) => `${l} ${percent(tallies.get(`lang ${l}`)!, 'top1')}`).join(', ')}`);

    const { catalog, config } = syntheticCatalog();
    const view = buildCatalogView(catalog, config);
    start = performance.now();
    rank(view, { query: 'x', history: {}, now: 0, limit: 8 });
    const searchIndex = performance.now() - start;
    start = performance.now();
    rank(view, { query: 'x', history: {}, now: 0, limit: 8, routing: { router } });
    const routeIndex = performance.now() - start;
    const keystrokes = (routing: boolean) => {
      const times: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (const query of [...TYPED, 'the door of meeting room 3.14 does not lock', 'mon ordinateur portable ne démarre pas']) {
          for (let i = 1; i <= query.length; i++) {
            const t = performance.now();
            rank(view, { query: query.slice(0, i), history: {}, now: 0, limit: 8, ...(routing ? { routing: { router } } : {}) });
            times.push(performance.now() - t);
          }
        }
      }
      return times;
    };
    keystrokes(true); // warm up
    const plain = keystrokes(false);
    const routed = keystrokes(true);
    print(`catalog: ${view.entries.length} forms; search index ${ms(searchIndex)}, routing index ${ms(routeIndex)} (once, after the first keystroke with routing loaded)`);
    print(`per keystroke (Node, ${plain.length} keystrokes): search only median ${ms(quantile(plain, 0.5))}, p95 ${ms(quantile(plain, 0.95))}; with routing median ${ms(quantile(routed, 0.5))}, p95 ${ms(quantile(routed, 0.95))}, max ${ms(Math.max(...routed))}`);
    print(`target p95 <= 2 ms with the vocabulary loaded: ${quantile(routed, 0.95) <= 2 ? 'met' : 'NOT met'}`);
  }, 120_000);
});
