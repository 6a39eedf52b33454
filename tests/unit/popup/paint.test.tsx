// @vitest-environment jsdom
// The painted first frame is the markup React renders for the same rows (PopupShell + HomeView
// with nothing typed, the catalog refreshing): React replacing it changes nothing on screen.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { firstRows, type FirstFrame } from '@/lib/catalog/first-frame';
import { RECENT_MS } from '@/lib/catalog/rank';
import { MAX_ROWS } from '@/lib/catalog/rows';
import { buildCatalogView } from '@/lib/catalog/view';
import { relativeTime } from '@/lib/i18n/time';
import type { Draft } from '@/lib/requests/draft';
import type { TrackedRequest } from '@/lib/tracking/snapshot';
import { HomeView } from '@/components/popup/HomeView';
import { PopupShell } from '@/components/popup/PopupShell';
import { buildFirstFrame } from '@/stores/first-frame';
import { draftSummaries } from '@/stores/home';
import { ago, firstFrameHtml, paintFirstFrame, sayer, type Early } from '@/entrypoints/popup/paint';
import { bigCatalog, catalog, config } from './fixture';

const now = 10 * RECENT_MS;
const noop = () => undefined;

/** The same markup as a tree: attributes sorted, React's value/autofocus handling set aside. */
function normalized(html: string): string {
  const root = document.createElement('div');
  root.innerHTML = html;
  const walk = (el: Element): string => {
    const attrs = [...el.attributes]
      .filter((a) => a.name !== 'autofocus' && a.name !== 'value')
      .map((a) => `${a.name}="${a.value}"`)
      .sort()
      .join(' ');
    const children = [...el.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : n.nodeType === 1 ? walk(n as Element) : '')).join('');
    return `<${el.tagName.toLowerCase()} ${attrs}>${children}</${el.tagName.toLowerCase()}>`;
  };
  return [...root.children].map(walk).join('');
}

function reactHtml(frame: FirstFrame, pageUrl: string | undefined, drafts: Draft[], tracked: TrackedRequest[], c = catalog) {
  const rows = firstRows(frame, pageUrl);
  return renderToStaticMarkup(
    <PopupShell tab="new" openCount={frame.openCount} marked={frame.marked} onTab={noop} onSettings={noop}>
      <HomeView
        query=""
        rows={rows}
        total={frame.total}
        hasCatalog
        configured
        syncing
        onQuery={noop}
        onPick={noop}
        drafts={draftSummaries(drafts, c, pageUrl ?? '')}
        now={now}
        onResume={noop}
        onAction={noop}
      />
    </PopupShell>,
  );
}

const draft: Draft = { deskId: 'rt', departmentId: '4', formId: '4', page: 'https://wiki.example.com/a?b=1', subject: 'NDA <draft>', description: '', fields: {}, excluded: [], updatedAt: now - 3 * 3_600_000 };
const untitled: Draft = { ...draft, formId: '3', departmentId: '3', subject: '', updatedAt: now - 20_000 };
const tracked = [{ ref: { deskId: 'rt', key: '1', url: '' }, category: 'waiting', unseen: true }] as unknown as TrackedRequest[];

describe('the painted first frame', () => {
  const view = buildCatalogView(catalog, config);
  it.each([
    ['no history, no page', {}, undefined, [], []],
    ['recent and frequent forms, a rule page, drafts, requests with news', { 'rt/4': { count: 1, last: now - 1000 }, 'rt/1': { count: 4, last: now - 3 * RECENT_MS } }, 'https://payroll.example.com/x', [draft, untitled], tracked],
  ] as const)('is the markup React renders: %s', (_, history, pageUrl, drafts, requests) => {
    const frame = buildFirstFrame({ view, catalog, history, drafts: [...drafts], tracked: [...requests], now });
    expect(normalized(firstFrameHtml(frame, pageUrl, now).html)).toBe(normalized(reactHtml(frame, pageUrl, [...drafts], [...requests])));
  });

  it('says "Closed now · opens …" where React does, and not once the department has opened', () => {
    // Legal opens Monday to Friday 9 to 17 UTC; IT round the clock; HR's hours cannot be read.
    const hours = { ...config, departments: { ...config.departments, Legal: { hours: 'Mon–Fri 9–17 UTC' }, IT: { ...config.departments?.IT, hours: '24/7' }, HR: { hours: 'when someone is in' } } };
    const saturday = Date.UTC(2026, 11, 5, 12); // Saturday noon
    const frame = buildFirstFrame({ view: buildCatalogView(catalog, hours), catalog, history: {}, drafts: [], tracked: [], now: saturday });
    const closed = (html: string) => [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('.card__closed')].map((e) => e.closest('.card')!.querySelector('.card__name')!.textContent + ': ' + e.textContent);
    const monday = `Mon ${new Intl.DateTimeFormat('en-GB', { hourCycle: 'h23', hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2026, 11, 7, 9))}`;
    expect(closed(firstFrameHtml(frame, undefined, saturday).html)).toEqual([`Legal: Closed now · opens ${monday}`]);
    for (const at of [saturday, Date.UTC(2026, 11, 7, 10)]) {
      const rows = firstRows(frame, undefined);
      const react = renderToStaticMarkup(<HomeView query="" rows={rows} total={frame.total} hasCatalog configured syncing onQuery={noop} onPick={noop} drafts={[]} now={at} onResume={noop} onAction={noop} />);
      expect(closed(react)).toEqual(closed(firstFrameHtml(frame, undefined, at).html));
    }
    // The frame kept on Saturday, painted on Monday at 10:00: Legal is open, nothing said.
    expect(closed(firstFrameHtml(frame, undefined, Date.UTC(2026, 11, 7, 10)).html)).toEqual([]);
  });

  it('is the markup React renders with more forms than are drawn, and with none', () => {
    const big = bigCatalog(MAX_ROWS + 5);
    const frame = buildFirstFrame({ view: buildCatalogView(big, {}), catalog: big, history: {}, drafts: [], tracked: [], now });
    expect(normalized(firstFrameHtml(frame, undefined, now).html)).toBe(normalized(reactHtml(frame, undefined, [], [], big)));
    const empty = { fetchedAt: 0, departments: [], forms: [] };
    const none = buildFirstFrame({ view: buildCatalogView(empty, {}), catalog: empty, history: {}, drafts: [], tracked: [], now });
    expect(normalized(firstFrameHtml(none, undefined, now).html)).toBe(normalized(reactHtml(none, undefined, [], [], empty)));
  });

  it('says times as lib/i18n does', () => {
    const frame = buildFirstFrame({ view, catalog, history: {}, drafts: [], tracked: [], now });
    for (const ms of [0, 30_000, 5 * 60_000, 59 * 60_000, 3 * 3_600_000, 47 * 3_600_000, 5 * 86_400_000])
      expect(ago(sayer(frame.labels), now - ms, now)).toBe(relativeTime(new Date(now - ms).toISOString(), now));
  });

  it('shows a sentence a closed popup left in the search box, focused', () => {
    const frame = buildFirstFrame({ view, catalog, history: {}, drafts: [], tracked: [], now });
    const root = document.createElement('div');
    document.body.append(root);
    paintFirstFrame(root, frame, undefined, now, {}, 'The projector in 2.14 is broken');
    const input = root.querySelector('input');
    expect(input?.value).toBe('The projector in 2.14 is broken');
    expect(document.activeElement).toBe(input);
    root.remove();
  });

  it('focuses the search box and keeps a pick made before React is there', () => {
    const frame = buildFirstFrame({ view, catalog, history: {}, drafts: [], tracked: [], now });
    const root = document.createElement('div');
    document.body.append(root);
    const early: Early = {};
    paintFirstFrame(root, frame, undefined, now, early);
    const input = root.querySelector('input');
    expect(document.activeElement).toBe(input);
    expect(input?.getAttribute('placeholder')).toBe('What do you need?');
    root.querySelectorAll<HTMLButtonElement>('#form-list button')[1]?.click();
    expect(early.pick).toBe(frame.rows[1]?.key);
    // Enter confirming an input method's composition picks nothing.
    input?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true }));
    expect(early.pick).toBe(frame.rows[1]?.key);
    input?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(early.pick).toBe('first');
    root.remove();
  });
});
