import { beforeAll, describe, expect, it } from 'vitest';
import { rank } from '@/lib/catalog/rank';
import { loadRouting, type Routing } from '@/lib/catalog/routing';
import { syntheticCatalog } from '@/lib/catalog/synthetic';
import { buildCatalogView } from '@/lib/catalog/view';

let router: Routing;
beforeAll(async () => {
  router = await loadRouting();
});

const view = () => {
  const { catalog, config } = syntheticCatalog(20, 10);
  return buildCatalogView(catalog, config);
};
const ranked = (v: ReturnType<typeof view>, query: string) =>
  rank(v, { query, history: {}, now: 0, limit: 5, routing: { router } }).suggestions.map((s) => [s.entry.key, s.matched?.word]);

describe('routing index built in idle time', () => {
  it('is built a slice at a time, ranks by search alone meanwhile, then exactly as one built at once', async () => {
    const slow = view();
    const direct = view();
    let slices = 0;
    let during: unknown[] = [];
    const prepared = router.prepare(
      slow.entries,
      async () => {
        slices++;
        if (slices === 1) {
          expect(router.pending(slow.entries)).toBe(true);
          during = ranked(slow, 'Urlaub');
        }
      },
      0,
    );
    await prepared;
    expect(slices).toBeGreaterThan(5);
    expect(router.pending(slow.entries)).toBe(false);
    // "Urlaub" is in no form's text: search alone finds nothing, routing finds the leave forms.
    expect(during).toEqual([]);
    expect(ranked(slow, 'Urlaub').length).toBeGreaterThan(0);
    expect(ranked(slow, 'Urlaub')).toEqual(ranked(direct, 'Urlaub'));
    expect(ranked(slow, 'the door does not lock')).toEqual(ranked(direct, 'the door does not lock'));
  });

  it('routes on words of 3 letters or more, and on short names in capitals', () => {
    const v = view();
    expect(ranked(v, 'do')).toEqual(rank(v, { query: 'do', history: {}, now: 0, limit: 5 }).suggestions.map((s) => [s.entry.key, undefined]));
    expect(router.signals('la HR pc Q3 door').map((s) => s.token.word)).toEqual(['HR', 'Q3', 'door']);
  });
});
