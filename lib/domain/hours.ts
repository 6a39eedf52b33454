// Opening hours and the clock they run: a department's week ("Mon–Fri 9–17 America/New_York")
// in its own time zone, and how much open time lies between two instants. Pure; time zones
// through Intl (no zone data of our own), so daylight-saving changes come from the browser.

/** Open intervals per weekday (0 = Sunday), in minutes after local midnight, in `zone` (else the user's). */
export interface Schedule {
  week: [number, number][][];
  zone?: string;
}

export const DAY_MIN = 24 * 60;
const MIN_MS = 60_000;
/** How far any computation looks: a promise further away than this is not tracked. */
const MAX_DAYS = 800;

/** Every hour of every day. */
export const ALWAYS: Schedule = { week: Array.from({ length: 7 }, () => [[0, DAY_MIN]]) };
/** Monday to Friday, all day: "business days" where the catalog gives no hours. */
export const WEEKDAYS: Schedule = { week: Array.from({ length: 7 }, (_, d) => (d === 0 || d === 6 ? [] : [[0, DAY_MIN]])) };

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY = '(sun|mon|tue|wed|thu|fri|sat)[a-z]*\\.?';
const TIME = '(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm)?';
const DASH = '\\s*(?:[-–—]|to)\\s*';
const SEGMENT = new RegExp(`^(?:${DAY}(?:${DASH}${DAY})?\\s+)?${TIME}${DASH}${TIME}$`, 'i');

/**
 * An Intl.DateTimeFormat for `locale` and `options`, built once per page (or worker): building
 * one is ICU's work and memory, and the popup formats a few ways only, many times per render.
 * `options` are written in the same order at each call, so equal options make the same key.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

let zone: string | undefined;
/**
 * The user's time zone, as the browser reports it: asked once per page (asking builds a
 * DateTimeFormat). A page lives as long as a popup is open; the next one asks again.
 */
export function localZone(): string {
  return (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Whether `zone` names a time zone the browser knows (its clock, built to check, is kept for use). */
export function isZone(zone: string): boolean {
  try {
    format(zone);
    return true;
  } catch {
    return false;
  }
}

function minutes(h: string, m: string | undefined, meridiem: string | undefined): number | undefined {
  let hour = Number(h);
  const minute = m ? Number(m) : 0;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const total = hour * 60 + minute;
  return minute < 60 && total <= DAY_MIN ? total : undefined;
}

/**
 * The catalog's free text: segments like "Mon–Fri 9–17", "Sat 10:00-14:00", "9am-5pm" (Monday
 * to Friday when no day is named), separated by "," or ";", optionally ending with an IANA time
 * zone; "24/7" is always open. Anything else: undefined (the clock then runs all day).
 */
export function parseHours(text: string | undefined): Schedule | undefined {
  if (!text) return undefined;
  let rest = text.trim();
  let zone: string | undefined;
  const named = /\(?\b([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+|UTC)\)?$/.exec(rest);
  if (named?.[1] && isZone(named[1])) {
    zone = named[1];
    rest = rest.slice(0, named.index).trim();
  }
  if (/^(24\s*\/\s*7|always open|around the clock)$/i.test(rest)) return { ...ALWAYS, ...(zone ? { zone } : {}) };
  // "Every day 7–20", "Daily 8-16": Sunday to Saturday.
  rest = rest.replace(/^(?:every\s*day|daily)\b:?\s*/i, 'Sun–Sat ');
  const week: [number, number][][] = Array.from({ length: 7 }, () => []);
  const segments = rest.split(/[,;]|\band\b/).map((s) => s.trim()).filter(Boolean);
  if (segments.length === 0) return undefined;
  for (const segment of segments) {
    const m = SEGMENT.exec(segment);
    if (!m) return undefined;
    const [, d1, d2, h1, m1, a1, h2, m2, a2] = m;
    const from = d1 ? DAYS.indexOf(d1.toLowerCase()) : 1;
    const to = d2 ? DAYS.indexOf(d2.toLowerCase()) : d1 ? from : 5;
    const open = minutes(h1 as string, m1, a1);
    const close = minutes(h2 as string, m2, a2);
    if (open === undefined || close === undefined || open === close) return undefined;
    for (let i = 0, day = from; i < 7; i++, day = (day + 1) % 7) {
      if (close > open) week[day]?.push([open, close]);
      else {
        // Past midnight: the rest of the night belongs to the next day.
        week[day]?.push([open, DAY_MIN]);
        if (close > 0) week[(day + 1) % 7]?.push([0, close]);
      }
      if (day === to) break;
    }
  }
  for (const day of week) day.sort((a, b) => a[0] - b[0]);
  return { week, ...(zone ? { zone } : {}) };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, f);
  }
  return f;
}

/** The zone's wall clock at `instant`, read as if it were UTC. */
function wall(zone: string, instant: number): number {
  const p = Object.fromEntries(format(zone).formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
}

/**
 * The instant the zone's clocks show `local` (a wall time written as UTC). A time the clocks skip
 * (02:30 when 02:00 jumps to 03:00) is clamped to the end of the gap: the instant they jump, which
 * they show as 03:00, as a shop that opens at 02:30 opens at 03:00 that night.
 */
export function instantAt(zone: string, local: number): number {
  const first = local - (wall(zone, local) - local);
  const second = local - (wall(zone, first) - first);
  if (wall(zone, second) === local) return second;
  // In the gap: read with the offset before the jump it lands after it, with the one after, before it.
  let before = Math.min(first, second);
  let after = Math.max(first, second);
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (wall(zone, mid) >= local) after = mid;
    else before = mid;
  }
  return after;
}

/** Local midnight (as a UTC-written wall time) of the day `instant` falls on in `zone`. */
function dayOf(zone: string, instant: number): number {
  const w = wall(zone, instant);
  return w - (w % (DAY_MIN * MIN_MS));
}

/** The open intervals as instants, day by day from the day of `from`, each clipped to start no earlier than `from`. */
function* openIntervals(schedule: Schedule, zone: string, from: number): Generator<[number, number]> {
  const z = schedule.zone ?? zone;
  let day = dayOf(z, from);
  for (let i = 0; i < MAX_DAYS; i++, day += DAY_MIN * MIN_MS) {
    const weekday = new Date(day).getUTCDay();
    for (const [open, close] of schedule.week[weekday] ?? []) {
      const start = instantAt(z, day + open * MIN_MS);
      const end = instantAt(z, day + close * MIN_MS);
      if (end > from && end > start) yield [Math.max(start, from), end];
    }
  }
}

const allDay = (s: Schedule) => s.week.every((d) => d.length === 1 && d[0]?.[0] === 0 && d[0][1] === DAY_MIN);

/** Open time (ms) between two instants. */
export function openBetween(schedule: Schedule, zone: string, from: number, to: number): number {
  if (to <= from) return 0;
  if (allDay(schedule)) return to - from;
  let total = 0;
  for (const [start, end] of openIntervals(schedule, zone, from)) {
    if (start >= to) break;
    total += Math.min(end, to) - start;
  }
  return total;
}

/** The instant when `ms` of open time has passed since `from`; undefined when that is too far off (or never open). */
export function addOpen(schedule: Schedule, zone: string, from: number, ms: number): number | undefined {
  if (allDay(schedule)) return from + ms;
  let left = ms;
  for (const [start, end] of openIntervals(schedule, zone, from)) {
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  return undefined;
}

/**
 * The open intervals (instants) that overlap the `days` from `from`, the first clipped to start
 * at `from`, touching ones merged (open round the clock is one interval).
 */
export function openings(schedule: Schedule, zone: string, from: number, days: number): [number, number][] {
  const until = from + days * DAY_MIN * MIN_MS;
  if (allDay(schedule)) return [[from, until]];
  const out: [number, number][] = [];
  for (const [start, end] of openIntervals(schedule, zone, from)) {
    if (start >= until) break;
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Minutes open on a usual open day (the longest day of the week): what "one business day" means there. */
export function dayLengthMs(schedule: Schedule): number {
  return Math.max(0, ...schedule.week.map((d) => d.reduce((sum, [a, b]) => sum + b - a, 0))) * MIN_MS;
}

export function weekLengthMs(schedule: Schedule): number {
  return schedule.week.flat().reduce((sum, [a, b]) => sum + b - a, 0) * MIN_MS;
}
