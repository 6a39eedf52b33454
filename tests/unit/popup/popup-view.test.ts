// The derivations the popup's App makes, tested without React: catalog view, ranking, the
// index warmed after the first frame, what a pick opens, department names, files as attachments.
import { describe, expect, it, vi } from 'vitest';
import { MAX_ROWS } from '@/lib/catalog/rows';
import type { Attachment } from '@/lib/domain';
import { MAX_ATTACHMENT_BYTES } from '@/lib/requests/attachments';
import { DEFAULT_CONFIG } from '@/lib/settings/policy';
import { attachFiles, attachReplyFile, cardOf, catalogViewOf, departmentNameOf, NOTHING_RANKED, pickOf, pickShown, rankHome, warmIndex, warmRouting } from '@/stores/popup-view';
import { loadRouting } from '@/lib/catalog/routing';
import { bigCatalog, catalog, config } from './fixture';

const file = (name: string, text: string, size = text.length) => ({ name, type: 'text/plain', size, arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer });

describe('popup derivations', () => {
  it('has no view and nothing ranked before there is a catalog', () => {
    expect(catalogViewOf(null, DEFAULT_CONFIG)).toBeNull();
    expect(rankHome(null, { query: 'x', page: '', history: {}, now: 0 })).toBe(NOTHING_RANKED);
  });

  it('ranks the best MAX_ROWS for what is typed, counting all', () => {
    const view = catalogViewOf(bigCatalog(MAX_ROWS * 2), DEFAULT_CONFIG);
    const all = rankHome(view, { query: '', page: '', history: {}, now: 0 });
    expect(all.suggestions).toHaveLength(MAX_ROWS);
    expect(all.total).toBe(MAX_ROWS * 2);
    expect(rankHome(view, { query: 'queue 7', page: '', history: {}, now: 0 }).suggestions[0]?.entry.form.name).toBe('Queue 7');
  });

  it('builds the search index only when the scheduled task runs, and not once cancelled', () => {
    const view = catalogViewOf(catalog, config);
    if (!view) throw new Error('no view');
    const build = vi.spyOn(view, 'index', 'get');
    let task: (() => void) | undefined;
    const cancel = vi.fn();
    const stop = warmIndex(view, (t) => ((task = t), cancel));
    expect(build).not.toHaveBeenCalled();
    task?.();
    expect(build).toHaveBeenCalledTimes(1);
    stop();
    expect(cancel).toHaveBeenCalled();
    expect(warmIndex(null, () => cancel)).toBeTypeOf('function');
  });

  it('builds routing\'s index in idle slices once routing is loaded, says when it is ready, and stops when cancelled', async () => {
    const router = await loadRouting();
    // Large enough that its first slice (8 ms) cannot take it all, on a fast or an idle machine
    // (200 forms sometimes could: the index was built before anyone could see it pending).
    const view = catalogViewOf(bigCatalog(1500), DEFAULT_CONFIG);
    let waits = 0;
    const ready = vi.fn();
    await new Promise<void>((done) => {
      warmRouting(view, router, async () => void waits++, () => (ready(), done()));
      expect(router.pending(view!.entries)).toBe(true);
    });
    expect(ready).toHaveBeenCalledTimes(1);
    expect(router.pending(view!.entries)).toBe(false);
    expect(waits).toBeGreaterThan(0);
    // Cancelled before its first idle moment: no index, and `ready` never called.
    const other = catalogViewOf(bigCatalog(200), DEFAULT_CONFIG);
    const never = vi.fn();
    warmRouting(other, router, async () => undefined, never)();
    await new Promise((r) => setTimeout(r, 20));
    expect(never).not.toHaveBeenCalled();
    expect(router.pending(other!.entries)).toBe(false);
    expect(warmRouting(view, null, async () => undefined, never)).toBeTypeOf('function');
  });

  it("opens a pick with the administrator's defaults, this page rule's values over them, and its department", () => {
    const view = catalogViewOf(catalog, config);
    const plain = rankHome(view, { query: '', page: '', history: {}, now: 0 });
    expect(pickOf(plain, 'rt/2')).toMatchObject({ form: { id: '2', name: 'HR' }, values: { Topic: 'Leave' }, departmentId: '2' });
    const onPayroll = rankHome(view, { query: '', page: 'https://payroll.example.com/slips', history: {}, now: 0 });
    expect(pickOf(onPayroll, 'rt/2')?.values).toEqual({ Topic: 'payroll' });
    expect(pickOf(plain, 'rt/5')).toMatchObject({ form: { name: 'Broken door' }, values: {}, departmentId: '3' });
    expect(pickOf(plain, 'nope')).toBeUndefined();
  });

  it('Enter before the list caught up with the typing picks the same place in the list for what is typed now', () => {
    const view = catalogViewOf(catalog, config);
    const rankFor = (query: string) => rankHome(view, { query, page: '', history: {}, now: 0 });
    const shownFor = (query: string) => {
      const ranked = rankFor(query);
      return { query, ranked, keys: ranked.suggestions.map((x) => x.entry.key) };
    };
    // (`keys`: the rows as shown, for the test's own picking; pickShown reads them from `ranked`.)
    // The list shows the whole catalog (nothing typed yet); "legal" is typed, not ranked yet.
    const shown = shownFor('');
    expect(shown.keys[0]).not.toBe('rt/4');
    expect(pickShown(shown, shown.keys[0]!, 'legal', rankFor)).toMatchObject({ form: { name: 'Legal' }, typed: '' });
    // Caught up: the row picked is the row opened, the sentence carried into the form.
    expect(pickShown(shown, shown.keys[2]!, '', rankFor)?.form.id).toBe(shown.ranked.suggestions[2]!.entry.form.id);
    const caught = shownFor('contract');
    expect(pickShown(caught, caught.keys[1]!, 'contract', rankFor)).toMatchObject({ form: { name: 'Legal' }, typed: 'contract' });
    // The list for "contract" shown, "contracts" typed: the second row of the list for it.
    expect(pickShown(caught, caught.keys[1]!, 'contracts', rankFor)).toMatchObject({ form: { id: rankFor('contracts').suggestions[1]!.entry.form.id }, typed: 'contracts' });
    // A key the list does not show opens nothing.
    expect(pickShown(caught, 'nope', 'contract', rankFor)).toBeUndefined();
  });

  it('names a request’s department, through its form when the desk files by form', () => {
    expect(departmentNameOf(catalog, 'rt', '3')).toBe('Facilities');
    expect(departmentNameOf(catalog, 'rt', 'unknown', '5')).toBe('Facilities');
    expect(departmentNameOf(catalog, 'rt', 'unknown')).toBeUndefined();
    expect(departmentNameOf(null, 'rt', '3')).toBeUndefined();
  });

  it('finds the department card of an open form', () => {
    const view = catalogViewOf(catalog, config);
    expect(cardOf(view, catalog.forms[0]!)).toMatchObject({ firstResponse: 'within 4 h' });
    expect(cardOf(view, catalog.forms[1]!)).toBeUndefined();
  });

  it('reads picked files as attachments, a too large one as undefined with its name', async () => {
    const got: [Attachment | undefined, string][] = [];
    await attachFiles([file('a.txt', 'hello'), file('big.bin', '', MAX_ATTACHMENT_BYTES + 1)], (a, name) => got.push([a, name]));
    expect(got).toContainEqual([{ name: 'a.txt', type: 'text/plain', data: btoa('hello') }, 'a.txt']);
    expect(got).toContainEqual([undefined, 'big.bin']);
    const reply = vi.fn();
    await attachReplyFile(file('r.txt', 'hi'), reply);
    expect(reply).toHaveBeenLastCalledWith({ name: 'r.txt', type: 'text/plain', data: btoa('hi') });
    await attachReplyFile(undefined, reply);
    expect(reply).toHaveBeenLastCalledWith(undefined);
  });
});
