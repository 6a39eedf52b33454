// The first-frame model: what the popup writes after it rendered, and how the next popup reads
// it (one storage read) and orders it for the page it opens on, exactly as rank() would.
import { describe, expect, it, vi } from 'vitest';
import { firstRows, isFirstFrame, needsPage, paintable } from '@/lib/catalog/first-frame';
import { rank, RECENT_MS, type History } from '@/lib/catalog/rank';
import { MAX_ROWS } from '@/lib/catalog/rows';
import { buildCatalogView } from '@/lib/catalog/view';
import { t } from '@/lib/i18n';
import { FIRST_FRAME_KEY, forgetFirstFrame, keepTyped, readFirstFrame, readTyped, TYPED_KEPT_MS, TYPED_KEY, writeFirstFrame, type FrameStore } from '@/lib/platform/first-frame';
import type { Draft } from '@/lib/requests/draft';
import type { TrackedRequest } from '@/lib/tracking/snapshot';
import { buildFirstFrame, FIRST_FRAME_LABELS } from '@/stores/first-frame';
import { homeRows } from '@/stores/home';
import { bigCatalog, catalog, config } from './fixture';

const now = 10 * RECENT_MS;
const view = buildCatalogView(catalog, config);
const draft: Draft = { deskId: 'rt', departmentId: '3', formId: '3', page: 'https://intranet.example.com/rooms', subject: 'Door', description: '', fields: {}, excluded: [], updatedAt: now - 5 * 60_000 };
const tracked = [
  { ref: { deskId: 'rt', key: '1', url: '' }, category: 'open', unseen: true },
  { ref: { deskId: 'rt', key: '2', url: '' }, category: 'done' },
] as unknown as TrackedRequest[];

const frameFor = (history: History = {}, drafts: Draft[] = []) => buildFirstFrame({ view, catalog, history, drafts, tracked, now });

describe('the first frame written after a render', () => {
  it('holds the rows with nothing typed and no page, the rule targets, drafts, the request count and its words', () => {
    const frame = frameFor({ 'rt/4': { count: 1, last: now - 1000 } }, [draft]);
    expect(frame.rows.map((r) => [r.name, r.reason])).toEqual([
      ['Legal', 'recent'],
      ['Facilities', undefined],
      ['Broken door', undefined],
      ['IT', undefined],
      ['HR', undefined],
    ]);
    expect(frame.rows.find((r) => r.name === 'IT')).toMatchObject({ blurb: 'Laptops and accounts', firstResponse: 'within 4 h' });
    expect(frame.total).toBe(5);
    expect(frame.rows.find((r) => r.name === 'Broken door')?.department).toBe('Facilities');
    expect(frame.rules).toEqual([{ url: 'https://payroll.example.com/*', key: 'rt/2' }]);
    expect(frame.ruleRows.map((r) => r.key)).toEqual(['rt/2']);
    expect(frame.drafts).toEqual([{ key: expect.any(String), department: 'Facilities', subject: 'Door', page: draft.page, updatedAt: draft.updatedAt }]);
    expect(frame).toMatchObject({ openCount: 1, marked: true });
    // Templates, unfilled: counts and times are filled in when the frame is painted.
    expect(Object.keys(frame.labels).sort()).toEqual([...FIRST_FRAME_LABELS].sort());
    expect(frame.labels['nav.requestsCount']).toBe(t('nav.requestsCount'));
    expect(frame.labels['nav.requestsCount']).toContain('{count}');
    expect(isFirstFrame(JSON.parse(JSON.stringify(frame)))).toBe(true);
  });

  it('keeps at most MAX_ROWS rows but every rule target, and counts all forms', () => {
    const big = bigCatalog(MAX_ROWS + 30);
    const bigView = buildCatalogView(big, { rules: [{ url: '*://tools.example.com/*', department: `Queue ${MAX_ROWS + 20}` }] });
    const frame = buildFirstFrame({ view: bigView, catalog: big, history: {}, drafts: [], tracked: [], now });
    expect(frame.rows).toHaveLength(MAX_ROWS);
    expect(frame.total).toBe(MAX_ROWS + 30);
    expect(frame.ruleRows.map((r) => r.name)).toEqual([`Queue ${MAX_ROWS + 20}`]);
    const rows = firstRows(frame, 'https://tools.example.com/x');
    expect(rows).toEqual(homeRows(rank(bigView, { query: '', pageUrl: 'https://tools.example.com/x', history: {}, now, limit: MAX_ROWS }), now));
    expect(rows[0]).toMatchObject({ name: `Queue ${MAX_ROWS + 20}`, reason: 'rule' });
  });
});

describe('the first frame read for a page', () => {
  it.each([
    ['no page', undefined],
    ['a page without a rule', 'https://intranet.example.com/'],
    ['a page a rule points at (fragment ignored)', 'https://payroll.example.com/slips?id=4#top'],
  ])('orders the rows as rank() does for %s', (_, pageUrl) => {
    const history: History = { 'rt/4': { count: 5, last: now - 2 * RECENT_MS }, 'rt/1': { count: 1, last: now - 1000 } };
    const ranked = rank(view, { query: '', pageUrl: pageUrl?.replace(/#.*$/, ''), history, now, limit: MAX_ROWS });
    expect(firstRows(frameFor(history), pageUrl)).toEqual(homeRows(ranked, now));
  });

  it('is not painted when a draft for this page will open its form instead', () => {
    const frame = frameFor({}, [draft]);
    expect(paintable(frame, draft.page)).toBe(false);
    expect(paintable(frame, `${draft.page}#section`)).toBe(false);
    expect(paintable(frame, 'https://elsewhere.example.com/')).toBe(true);
  });

  it('refuses what another version wrote', () => {
    expect(isFirstFrame(null)).toBe(false);
    expect(isFirstFrame({ ...frameFor(), v: 0 })).toBe(false);
    expect(isFirstFrame({ ...frameFor(), rows: undefined })).toBe(false);
  });
});

describe('the first frame in storage', () => {
  /** Web Storage as the popup has it: strings only, and a quota that can be full. */
  const webStorage = (full = false) => {
    const items = new Map<string, string>();
    return {
      items,
      getItem: vi.fn((key: string) => items.get(key) ?? null),
      setItem: vi.fn((key: string, value: string) => {
        if (full) throw new DOMException('full', 'QuotaExceededError');
        items.set(key, String(value));
      }),
      removeItem: vi.fn((key: string) => void items.delete(key)),
    } satisfies FrameStore & { items: Map<string, string> };
  };

  it('is written under one key and read back with one synchronous read', () => {
    const store = webStorage();
    const frame = frameFor();
    expect(writeFirstFrame(frame, store)).toBe(true);
    expect([...store.items.keys()]).toEqual([FIRST_FRAME_KEY]);
    expect(readFirstFrame(isFirstFrame, store)).toEqual(frame);
    expect(store.getItem).toHaveBeenCalledTimes(1);
    expect(store.getItem).toHaveBeenCalledWith(FIRST_FRAME_KEY);
  });

  it('reads nothing usable as null: none yet, another version, not JSON, a failing store', () => {
    const store = webStorage();
    expect(readFirstFrame(isFirstFrame, store)).toBeNull();
    store.items.set(FIRST_FRAME_KEY, JSON.stringify({ v: 99 }));
    expect(readFirstFrame(isFirstFrame, store)).toBeNull();
    store.items.set(FIRST_FRAME_KEY, '{"v":');
    expect(readFirstFrame(isFirstFrame, store)).toBeNull();
    const failing: FrameStore = { getItem: () => { throw new Error('gone'); }, setItem: () => undefined, removeItem: () => undefined };
    expect(readFirstFrame(isFirstFrame, failing)).toBeNull();
  });

  it('is forgotten when there is nothing to show (the last desk removed): the next popup paints no old departments', () => {
    const store = webStorage();
    writeFirstFrame(frameFor(), store);
    forgetFirstFrame(store);
    expect(readFirstFrame(isFirstFrame, store)).toBeNull();
    forgetFirstFrame({ getItem: () => null, setItem: () => undefined, removeItem: () => { throw new Error('gone'); } });
  });

  it('keeps the sentence typed on the home screen for an hour; an empty box forgets it; a failing store loses nothing else', () => {
    const store = webStorage();
    keepTyped('The projector in 2.14 is broken', 1000, store);
    expect(readTyped(1000 + TYPED_KEPT_MS - 1, store)).toBe('The projector in 2.14 is broken');
    expect(readTyped(1000 + TYPED_KEPT_MS, store)).toBe('');
    keepTyped('  ', 2000, store);
    expect(store.items.has(TYPED_KEY)).toBe(false);
    expect(readTyped(2000, store)).toBe('');
    store.items.set(TYPED_KEY, '{"text":');
    expect(readTyped(2000, store)).toBe('');
    keepTyped('x', 1, webStorage(true));
  });

  it('says when the frame could not be kept (storage full), keeping nothing half-written', () => {
    const store = webStorage(true);
    expect(writeFirstFrame(frameFor(), store)).toBe(false);
    expect(store.items.size).toBe(0);
  });
});

describe('when the first frame is painted', () => {
  it('at once when nothing on it depends on the page, once the page is known when a rule or a draft may change it', () => {
    expect(needsPage({ ...frameFor(), rules: [], drafts: [] })).toBe(false);
    expect(needsPage({ ...frameFor(), drafts: [] })).toBe(true);
    expect(needsPage({ ...frameFor({}, [draft]), rules: [] })).toBe(true);
  });
});
