// @vitest-environment jsdom
// The first frame's script: painted during parsing when nothing on it depends on the page,
// after the page's address when a rule or a draft may change it, never for a report or the
// request list; what it did is handed to the module that starts React, once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FirstFrame } from '@/lib/catalog/first-frame';
import { RECENT_MS } from '@/lib/catalog/rank';
import { buildCatalogView } from '@/lib/catalog/view';
import { FIRST_FRAME_KEY } from '@/lib/platform/first-frame';
import type { Draft } from '@/lib/requests/draft';
import { beginFirstPaint, handOff, takeFirstPaint } from '@/entrypoints/popup/first';
import { buildFirstFrame } from '@/stores/first-frame';
import { tabOf } from '@/stores/first-paint';
import { catalog, config } from './fixture';

const now = 10 * RECENT_MS;
const view = buildCatalogView(catalog, config);
const page = 'https://intranet.example.com/rooms';
const draft: Draft = { deskId: 'rt', departmentId: '3', formId: '3', page, subject: 'Door', description: '', fields: {}, excluded: [], updatedAt: now - 60_000 };
const frameOf = (drafts: Draft[] = [], withRules = true): FirstFrame => {
  const frame = buildFirstFrame({ view, catalog, history: {}, drafts, tracked: [], now });
  return withRules ? frame : { ...frame, rules: [], ruleRows: [] };
};

/** The tab the popup is about, answered when `answer` is called (the browser's round trip). */
let answer: ((url: string) => void) | undefined;
beforeEach(() => {
  document.body.className = '';
  document.body.innerHTML = '<div id="root"></div>';
  localStorage.clear();
  answer = undefined;
  const tab = () => new Promise<{ url: string }>((resolve) => (answer = (url) => resolve({ url })));
  // The promise-based API object the first frame's script uses (`browser` when there is one).
  vi.stubGlobal('browser', { tabs: { query: () => tab().then((t) => [t]), get: tab } });
});
afterEach(() => vi.unstubAllGlobals());

const store = (frame: FirstFrame) => localStorage.setItem(FIRST_FRAME_KEY, JSON.stringify(frame));
const cards = () => document.querySelectorAll('#root .card').length;

describe('the first frame begun while the popup is parsed', () => {
  it('is painted at once, search box focused, when no rule or draft depends on the page; the page is asked for after that frame', async () => {
    store(frameOf([], false));
    const first = beginFirstPaint(document, { search: '', hash: '' }, () => now);
    expect(cards()).toBeGreaterThan(0);
    expect(document.activeElement?.className).toBe('search__input');
    // The extension API is not touched on the way to the frame.
    expect(answer).toBeUndefined();
    await vi.waitFor(() => expect(answer).toBeDefined());
    answer?.('https://elsewhere.example.com/');
    expect(await first.painted).toBe(true);
    expect(await first.pageUrl).toBe('https://elsewhere.example.com/');
  });

  it('waits for the page when a rule may put its form first', async () => {
    store(frameOf());
    const first = beginFirstPaint(document, { search: '', hash: '' }, () => now);
    expect(cards()).toBe(0);
    answer?.('https://payroll.example.com/slips');
    expect(await first.painted).toBe(true);
    expect(document.querySelector('.card .reason--rule')).not.toBeNull();
  });

  it('is not painted when a draft for the page opens its form instead', async () => {
    store(frameOf([draft]));
    const first = beginFirstPaint(document, { search: '', hash: '' }, () => now);
    answer?.(page);
    expect(await first.painted).toBe(false);
    expect(cards()).toBe(0);
  });

  it('is not painted without a stored frame, for a report or for the request list; a window gets its class', async () => {
    expect(await beginFirstPaint(document, { search: '', hash: '' }, () => now).painted).toBe(false);
    store(frameOf([], false));
    expect(await beginFirstPaint(document, { search: '?report=1', hash: '' }, () => now).painted).toBe(false);
    expect(await beginFirstPaint(document, { search: '', hash: '#requests' }, () => now).painted).toBe(false);
    expect(cards()).toBe(0);
    expect(document.body.classList.contains('in-window')).toBe(true);
  });

  it('asks for the tab named by ?tab=, else the active one', () => {
    expect(tabOf('?tab=7')).toBe(7);
    expect(tabOf('?report=1&tab=12')).toBe(12);
    expect(tabOf('?tab=0')).toBeUndefined();
    expect(tabOf('?tab=x')).toBeUndefined();
    expect(tabOf('')).toBeUndefined();
  });

  it('is handed to the module once', () => {
    store(frameOf([], false));
    const holder = {};
    const first = beginFirstPaint(document, { search: '?tab=7', hash: '' }, () => now);
    handOff(first, holder);
    expect(takeFirstPaint(holder)).toBe(first);
    expect(takeFirstPaint(holder)).toBeUndefined();
  });
});
