// What a requester may expect of an open request, and whether the department keeps to it: the
// desk's own clock where the requester may read it (RT's Due), else the department's promise
// from the catalog ("within 4 hours", "1 business day"), counted in its opening hours and time
// zone, with the clock paused while the request waits for the requester. Pure.
import type { Activity, TicketSummary } from '../domain';
import { t } from '../i18n';
import { relativeTime } from '../i18n/time';
import { addOpen, ALWAYS, dateFormat, dayLengthMs, openBetween, parseHours, weekLengthMs, WEEKDAYS, type Schedule } from '../domain/hours';

/** What a department promises, as the catalog configuration words it (a department card has these). */
export interface Promises {
  firstResponse?: string;
  resolution?: string;
  hours?: string;
}

/** A stretch the request waited for the requester (status category 'waiting'); `to` unset while it still waits. */
export interface Pause {
  from: string;
  to?: string;
}

/** A length of open time on a department's clock. */
export interface Clock {
  schedule: Schedule;
  /** The zone the schedule is read in when it names none: the user's. */
  zone: string;
  ms: number;
}

export type Expectation =
  | { kind: 'due'; due: number; late: number; clock: Clock }
  | { kind: 'promise'; stage: 'first' | 'resolution'; promise: string; askedAt: number; deadline?: number; late: number; paused: boolean; clock: Clock };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** However short the promise, a nudge waits at least this long after the last one. */
export const MIN_NUDGE_PERIOD_MS = HOUR;
const PAUSES_KEPT = 20;

const WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, 'twenty-four': 24, half: 0.5 };
// Words only on their own (\b): else the "a" ending "Extra" reads as one.
const NUMBER = '\\b(\\d+(?:[.,]\\d+)?|half an?|half|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four)';
const UNIT = '(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)';
const QUALIFIER = '(?:(?:business|working|work|office)\\s+)?';
const AMOUNT = new RegExp(`${NUMBER}(?:\\s*(?:-|–|to)\\s*${NUMBER})?\\s*${QUALIFIER}${UNIT}\\b`, 'i');

const valueOf = (word: string) => WORDS[word.toLowerCase().replace(/ an?$/, '')] ?? Number(word.replace(',', '.'));

/**
 * A promise's words as open time on a clock: with the department's hours, every unit counts
 * only while it is open (a day is one open day, a week its open week); without them, business
 * days skip Saturday and Sunday and the rest is wall-clock time. Unreadable: undefined.
 */
export function parsePromise(text: string | undefined, hours: string | undefined, userZone: string): Clock | undefined {
  if (!text) return undefined;
  let m = AMOUNT.exec(text);
  if (!m && /\bnext (business |working )?day\b/i.test(text)) m = AMOUNT.exec('1 business day');
  if (!m) return undefined;
  const amount = Math.max(valueOf(m[1] as string), m[2] ? valueOf(m[2]) : 0);
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  const unit = (m[3] as string).toLowerCase()[0] as 'm' | 'h' | 'd' | 'w';
  const business = /\b(business|working|work|office)\b/i.test(text);
  const schedule = parseHours(hours);
  if (schedule) {
    const unitMs = { m: MIN, h: HOUR, d: dayLengthMs(schedule), w: weekLengthMs(schedule) }[unit];
    return unitMs > 0 ? { schedule, zone: userZone, ms: amount * unitMs } : undefined;
  }
  const unitMs = { m: MIN, h: HOUR, d: DAY, w: business ? 5 * DAY : 7 * DAY }[unit];
  return { schedule: business ? WEEKDAYS : ALWAYS, zone: userZone, ms: amount * unitMs };
}

/** Open time spent waiting for the requester between two instants. */
function pausedBetween(clock: Clock, pauses: Pause[], from: number, to: number): number {
  return pauses.reduce((sum, p) => {
    const start = Math.max(Date.parse(p.from), from);
    const end = Math.min(p.to ? Date.parse(p.to) : to, to);
    return sum + (end > start ? openBetween(clock.schedule, clock.zone, start, end) : 0);
  }, 0);
}

/** When the promise falls due: its open time after `from`, plus the open time paused before then. */
export function deadlineOf(clock: Clock, from: number, pauses: Pause[], now: number): number | undefined {
  let deadline = addOpen(clock.schedule, clock.zone, from, clock.ms);
  for (let i = 0; i < 8 && deadline !== undefined; i++) {
    const next = addOpen(clock.schedule, clock.zone, from, clock.ms + pausedBetween(clock, pauses, from, Math.max(deadline, now)));
    if (next === deadline) break;
    deadline = next;
  }
  return deadline;
}

export type Tracked = Pick<TicketSummary, 'category' | 'created' | 'due' | 'updated'> & Pick<Activity, 'lastStaffReply'> & { pauses?: Pause[]; activityUnknown?: boolean };

/**
 * What to expect of one request now. The desk's Due date comes first; otherwise the first
 * answer is promised until staff replied, then the resolution. Done, or nothing readable: undefined.
 */
export function expectationOf(request: Tracked, promises: Promises | undefined, opts: { now: number; zone: string }): Expectation | undefined {
  if (request.category === 'done') return undefined;
  const due = request.due ? Date.parse(request.due) : NaN;
  if (Number.isFinite(due) && due > 0) {
    return { kind: 'due', due, late: Math.max(0, opts.now - due), clock: { schedule: ALWAYS, zone: opts.zone, ms: DAY } };
  }
  const askedAt = request.created ? Date.parse(request.created) : NaN;
  // Whether staff answered yet is not known: neither promise can be told.
  if (!Number.isFinite(askedAt) || request.activityUnknown) return undefined;
  const first = !request.lastStaffReply && parsePromise(promises?.firstResponse, promises?.hours, opts.zone);
  const resolution = !first && parsePromise(promises?.resolution, promises?.hours, opts.zone);
  const clock = first || resolution;
  if (!clock) return undefined;
  const paused = request.category === 'waiting';
  const deadline = deadlineOf(clock, askedAt, request.pauses ?? [], opts.now);
  const late = !paused && deadline !== undefined && opts.now > deadline ? opts.now - deadline : 0;
  const promise = (first ? promises?.firstResponse : promises?.resolution)?.trim() ?? '';
  return { kind: 'promise', stage: first ? 'first' : 'resolution', promise, askedAt, ...(deadline !== undefined ? { deadline } : {}), late, paused, clock };
}

/** When the requester may ask for an update again after asking at `sentAt`: one promise period later. */
export function nextNudgeAt(expectation: Expectation, sentAt: number): number {
  const { schedule, zone, ms } = expectation.clock;
  return Math.max(addOpen(schedule, zone, sentAt, ms) ?? Number.MAX_SAFE_INTEGER, sentAt + MIN_NUDGE_PERIOD_MS);
}

/** A nudge is for a request that is late and whose ball is in the department's court. */
export function mayNudge(expectation: Expectation | undefined): expectation is Expectation {
  return Boolean(expectation && expectation.late > 0 && !(expectation.kind === 'promise' && expectation.paused));
}

/** The waiting stretches, from how the status category moved between two looks (times: the desk's `updated`). */
export function trackPauses(prev: { category: string; pauses?: Pause[] } | undefined, next: { category: string; updated: string }): Pause[] | undefined {
  const pauses = prev?.pauses ?? [];
  const waiting = next.category === 'waiting';
  const was = prev?.category === 'waiting';
  if (waiting && !was) return [...pauses, { from: next.updated }].slice(-PAUSES_KEPT);
  const last = pauses.at(-1);
  if (!waiting && was && last && !last.to) return [...pauses.slice(0, -1), { ...last, to: next.updated }];
  return pauses.length ? pauses : undefined;
}

/** "40 min", "2 h", "3 d". */
export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MIN));
  if (minutes < 60) return t('duration.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('duration.hours', { n: hours });
  return t('duration.days', { n: Math.round(hours / 24) });
}

/** "Tue 14:00" within the week around now, else "8 Jan 14:00", in the user's zone. */
export function whenText(at: number, now: number, zone: string): string {
  const near = Math.abs(at - now) < 6 * DAY;
  const parts = dateFormat(t('format.dateLocale'), {
    timeZone: zone,
    hourCycle: 'h23',
    ...(near ? { weekday: 'short' } : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = near ? part('weekday') : `${part('day')} ${part('month')}`;
  return `${day} ${part('hour')}:${part('minute')}`;
}

export interface ExpectationLine {
  text: string;
  late: boolean;
  paused: boolean;
}

/** The line under a request: what to expect, or how far past it the department is. */
export function describeExpectation(e: Expectation, department: string, opts: { now: number; zone: string }): ExpectationLine {
  if (e.kind === 'due') {
    const when = whenText(e.due, opts.now, opts.zone);
    return e.late > 0 ? { text: t('expect.due.late', { late: durationText(e.late), when }), late: true, paused: false } : { text: t('expect.due', { when }), late: false, paused: false };
  }
  if (e.paused) return { text: t('expect.paused', { department }), late: false, paused: true };
  if (e.late > 0) {
    const late = durationText(e.late);
    const text = e.stage === 'first' ? t('expect.first.late', { late, department }) : t('expect.resolution.late', { late, department });
    return { text, late: true, paused: false };
  }
  // The administrator's words as they are when they read as a phrase ("within 4 hours"), else "within 4 h".
  const promise = /^(within|in|by|on|under|less|the|same|next)\b/i.test(e.promise) ? e.promise : t('expect.within', { time: e.promise });
  const ago = relativeTime(new Date(e.askedAt).toISOString(), opts.now);
  const text = e.stage === 'first' ? t('expect.first', { department, promise, ago }) : t('expect.resolution', { department, promise, ago });
  return { text, late: false, paused: false };
}
