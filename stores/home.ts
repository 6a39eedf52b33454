// What the popup's home view shows, derived from the popup state: pure, so it is tested alone.
import type { Ranked } from '@/lib/catalog/rank';
import type { Catalog } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { draftKey, type Draft } from '@/lib/requests/draft';
import type { DraftSummary, HomeRow, Opening } from '@/lib/catalog/rows';
import { dateFormat, localZone, openings, parseHours } from '@/lib/domain/hours';
import { departmentOf } from './popup';

/** How far ahead a card's openings are kept: the next popup's first frame is right for this long. */
const OPENINGS_DAYS = 8;

/** The department's openings from `now` (its hours in its zone, else the user's `zone`), as cards show them; memoised per hours and hour. */
const openingsCache = new Map<string, Opening[] | undefined>();
export function openingsOf(hours: string | undefined, now: number, zone = localZone()): Opening[] | undefined {
  if (!hours) return undefined;
  const hour = Math.floor(now / 3_600_000);
  const key = `${hours}\u0000${zone}\u0000${hour}`;
  if (openingsCache.has(key)) return openingsCache.get(key);
  if (openingsCache.size > 100) openingsCache.clear();
  const schedule = parseHours(hours);
  if (!schedule) {
    openingsCache.set(key, undefined);
    return undefined;
  }
  // On the user's clock, as the rest of the popup writes times ("Tue 14:00").
  const time = dateFormat(t('format.dateLocale'), { timeZone: zone, hourCycle: 'h23', hour: 'numeric', minute: '2-digit' });
  const weekday = dateFormat(t('format.dateLocale'), { timeZone: zone, weekday: 'short' });
  // From the hour's start, so every open within the hour finds the same openings.
  const from = hour * 3_600_000;
  const opens = openings(schedule, zone, from, OPENINGS_DAYS).map(([start, end]): Opening => [start, end, time.format(start), `${weekday.format(start)} ${time.format(start)}`]);
  openingsCache.set(key, opens);
  return opens;
}

const withOpenings = (hours: string | undefined, now: number) => {
  const opens = openingsOf(hours, now);
  return opens ? { opens } : {};
};

export function homeRows(ranked: Ranked, now: number): HomeRow[] {
  return ranked.suggestions.map(({ entry, reason, matched }) => ({
    key: entry.key,
    name: entry.form.name,
    // In RT a queue's one form has the queue's name: saying it twice helps no one.
    department: entry.form.name === entry.department.name ? undefined : entry.department.name,
    blurb: entry.card?.helpsWith ?? (entry.form.description || entry.department.description),
    reason,
    ...(matched ? { matched: matched.word } : {}),
    firstResponse: entry.card?.firstResponse,
    ...withOpenings(entry.card?.hours, now),
  }));
}

function hostOf(page: string | undefined): string {
  try {
    return page ? new URL(page).host || page : '';
  } catch {
    return page ?? '';
  }
}

/** Unfinished drafts: which department, what subject, "this page" or the other page's host. */
export function draftSummaries(drafts: Draft[], catalog: Catalog | null, page: string): DraftSummary[] {
  return drafts.map((d) => ({
    key: draftKey(d),
    department: departmentOf(catalog, d)?.name ?? '',
    subject: d.subject,
    where: (d.page ?? '') === page ? t('home.drafts.here') : hostOf(d.page),
    updatedAt: d.updatedAt,
  }));
}
