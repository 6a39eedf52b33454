// The popup's first frame without React: the markup PopupShell and HomeView render for the
// same rows, classes and names included (tests/unit/popup/paint.test.tsx compares the two),
// so React replacing it changes nothing on screen. Its words come with the frame (written
// through lib/i18n by the last popup), so this chunk carries neither the locale files nor React.
import { firstRows, hostOf, type FirstFrame } from '@/lib/catalog/first-frame';
import { MAX_ROWS, opensAt, type HomeRow } from '@/lib/catalog/rows';
import type { Early } from '@/stores/first-paint';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const REASON = { rule: 'home.reason.rule', recent: 'home.reason.recent', frequent: 'home.reason.frequent' } as const;

const SEARCH_ICON = 'M8.5 3a5.5 5.5 0 0 1 4.4 8.8l4 4-1.1 1.1-4-4A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z';
const GEAR_ICON =
  'M11.3 1.5l.4 2.1c.5.2 1 .5 1.4.8l2-.7 1.3 2.3-1.6 1.4a6 6 0 0 1 0 1.6l1.6 1.4-1.3 2.3-2-.7c-.4.3-.9.6-1.4.8l-.4 2.1H8.7l-.4-2.1c-.5-.2-1-.5-1.4-.8l-2 .7-1.3-2.3 1.6-1.4a6 6 0 0 1 0-1.6L3.6 6l1.3-2.3 2 .7c.4-.3.9-.6 1.4-.8l.4-2.1h2.6ZM10 7a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z';

type Say = (key: string, vars?: Record<string, string | number>) => string;

/** The frame's words, filled in as lib/i18n's t() fills them. */
export function sayer(labels: Record<string, string>): Say {
  return (key, vars = {}) => (labels[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", as lib/i18n/time's relativeTime says it. */
export function ago(say: Say, at: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - at) / 60_000));
  if (minutes < 1) return say('time.now');
  if (minutes < 60) return say('time.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return say('time.hours', { n: hours });
  return say('time.days', { n: Math.round(hours / 24) });
}

function card(t: Say, row: HomeRow, i: number, now: number): string {
  const opens = opensAt(row.opens, now);
  return (
    `<li id="form-${i}" role="option" aria-selected="${i === 0}">` +
    `<button type="button" class="card${i === 0 ? ' card--active' : ''}">` +
    `<span class="card__head"><span class="card__name">${esc(row.name)}</span>` +
    (row.reason ? `<span class="reason reason--${row.reason}">${esc(t(REASON[row.reason]))}</span>` : '') +
    `</span>` +
    (row.department ? `<span class="card__dept">${esc(row.department)}</span>` : '') +
    (row.blurb ? `<span class="card__blurb">${esc(row.blurb)}</span>` : '') +
    (row.firstResponse ? `<span class="card__meta">${esc(t('card.firstResponse', { time: row.firstResponse }))}</span>` : '') +
    (opens ? `<span class="card__meta card__closed">${esc(t('card.closed', { time: opens }))}</span>` : '') +
    `</button></li>`
  );
}

/** The first frame's markup: the home view (nothing typed) inside the popup shell, the catalog being refreshed. */
export function firstFrameHtml(frame: FirstFrame, pageUrl: string | undefined, now: number): { html: string; rows: HomeRow[] } {
  const t = sayer(frame.labels);
  const rows = firstRows(frame, pageUrl).slice(0, MAX_ROWS);
  const firstPlain = rows.findIndex((r) => !r.reason);
  const suggested = firstPlain < 0 ? rows.length : firstPlain;
  const groups = [
    { title: t('home.suggested'), from: 0, to: suggested },
    { title: t('home.departments'), from: suggested, to: rows.length },
  ].filter((g) => g.to > g.from);
  const drafts = frame.drafts.length
    ? `<h2 class="section-title">${esc(t('home.drafts'))}</h2><ul class="cards drafts" aria-label="${esc(t('home.drafts'))}">` +
      frame.drafts
        .map(
          (d) =>
            `<li><button type="button" class="card card--draft"><span class="card__name">${esc(d.subject || t('home.drafts.untitled'))}</span>` +
            `<span class="card__blurb">${esc(t('home.drafts.meta', { department: d.department, where: hostOf(d.page), when: ago(t, d.updatedAt, now) }))}</span></button></li>`,
        )
        .join('') +
      `</ul>`
    : '';
  const list = rows.length
    ? `<div id="form-list" role="listbox" aria-label="${esc(t('home.forms'))}">` +
      groups
        .map(
          (g) =>
            `<div role="group" aria-label="${esc(g.title)}"><h2 class="section-title" aria-hidden="true">${esc(g.title)}</h2><ul class="cards" role="presentation">` +
            rows
              .slice(g.from, g.to)
              .map((row, n) => card(t, row, g.from + n, now))
              .join('') +
            `</ul></div>`,
        )
        .join('') +
      `</div>`
    : '';
  const empty = rows.length ? '' : `<div class="empty"><p class="empty__title">${esc(t('home.empty'))}</p></div>`;
  const more = frame.total > rows.length ? `<p class="muted home__more">${esc(t('home.more', { shown: rows.length, total: frame.total }))}</p>` : '';
  const home =
    `<section class="home" aria-labelledby="home-title"><h1 id="home-title" class="visually-hidden">${esc(t('home.title'))}</h1>` +
    `<label class="search"><span class="visually-hidden">${esc(t('home.search.label'))}</span>` +
    `<svg class="search__icon" viewBox="0 0 20 20" aria-hidden="true"><path d="${SEARCH_ICON}"></path></svg>` +
    `<input class="search__input" type="search" placeholder="${esc(t('home.search.placeholder'))}" value="" aria-controls="form-list"${rows[0] ? ' aria-activedescendant="form-0"' : ''}/></label>` +
    `<div class="home__status"><span class="spinner" role="status" aria-live="polite"><span class="spinner__dot" aria-hidden="true"></span>${esc(t('home.refreshing'))}</span></div>` +
    `<p class="visually-hidden" role="status"></p>` +
    empty +
    drafts +
    list +
    more +
    `</section>`;
  const requests = frame.openCount > 0 ? t('nav.requestsCount', { count: frame.openCount }) : t('nav.requests');
  const nav =
    `<nav class="bottom-bar" aria-label="${esc(t('nav.label'))}">` +
    `<button type="button" class="bottom-bar__item bottom-bar__item--current" aria-current="page">${esc(t('nav.new'))}</button>` +
    `<button type="button" class="bottom-bar__item">${esc(requests)}` +
    (frame.marked ? `<span class="dot dot--inline" role="img" aria-label="${esc(t('requests.unseen'))}"></span>` : '') +
    `</button>` +
    `<button type="button" class="bottom-bar__item bottom-bar__gear" aria-label="${esc(t('nav.settings'))}" title="${esc(t('nav.settings'))}">` +
    `<svg viewBox="0 0 20 20" aria-hidden="true"><path d="${GEAR_ICON}"></path></svg></button></nav>`;
  return { html: `<div class="popup"><main class="popup__main">${home}</main>${nav}</div>`, rows };
}

/** What the user did before React took over, replayed by it: the typed words and caret, a row picked. */
export type { Early };

/**
 * Paints the first frame into `root` with the search box focused, holding `typed` (a sentence
 * a closed popup left there); records a pick made before React is there.
 */
export function paintFirstFrame(root: HTMLElement, frame: FirstFrame, pageUrl: string | undefined, now: number, early: Early, typed = ''): void {
  const { html, rows } = firstFrameHtml(frame, pageUrl, now);
  root.innerHTML = html;
  const input = root.querySelector<HTMLInputElement>('.search__input');
  if (input && typed) input.value = typed;
  input?.focus();
  input?.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    e.preventDefault();
    early.pick = 'first';
  });
  root.querySelectorAll<HTMLLIElement>('#form-list li[role="option"]').forEach((li, i) => {
    li.firstElementChild?.addEventListener('click', () => (early.pick = rows[i]?.key));
  });
}
