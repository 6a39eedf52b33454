// "Ask for an update": one polite public comment on a late request, at most once per promise
// period. Each one is stored before any traffic and delivered from storage, like the outbox:
// it survives a closed popup, a dead worker and being offline, and is never posted twice.
import type { DeskError, Message, TicketRef } from '../domain';
import { t } from '../i18n';
import { holds, retryDelayMs } from './outbox';

export interface Nudge {
  /** The tracked request's key (`deskId/id`). */
  key: string;
  ref: TicketRef;
  /** The comment, as it is posted. */
  text: string;
  /** When the user asked (this computer's clock). */
  askedAt: number;
  /** Not before this may the user ask again on this request: one promise period after asking. */
  againAt: number;
  /** The desk holds it. */
  sentAt?: number;
  attempts: number;
  nextAt: number;
  /**
   * How many of the user's messages with this text the request held before the first attempt:
   * one more means an attempt we never heard back from did post it.
   */
  before?: number;
  lastError?: DeskError;
  /** Waiting for the user (sign in, permission): not retried on its own. */
  held: boolean;
}

/** Kept this long after it could be asked again, then forgotten. */
const KEPT_MS = 30 * 24 * 60 * 60 * 1000;
/** A comment that timed out may still be posted: the next attempt looks no sooner than this. */
export const LANDING_MS = 60_000;

export function nudgeText(): string {
  return t('nudge.text');
}

export function newNudge(key: string, ref: TicketRef, now: number, againAt: number): Nudge {
  return { key, ref, text: nudgeText(), askedAt: now, againAt, attempts: 0, nextAt: now, held: false };
}

export type Refusal = 'pending' | 'asked';

/** Why an ask was refused, as message keys of the locale (the `detail` of a 'rejected' error). */
export const NUDGE_REFUSED = {
  asked: 'nudge.refused.asked',
  'not-late': 'nudge.refused.notLate',
} as const;

/** Why the user may not ask now, or undefined when they may. */
export function refusal(existing: Nudge | undefined, now: number): Refusal | undefined {
  if (!existing) return undefined;
  if (existing.sentAt === undefined) return 'pending';
  return now < existing.againAt ? 'asked' : undefined;
}

const words = (text: string) => text.trim().replace(/\s+/g, ' ');

/** The user's own messages carrying this nudge's words (desks may re-wrap or pad them). */
export function copiesIn(messages: Message[], text: string): number {
  const wanted = words(text);
  return messages.filter((m) => m.mine && words(m.text).includes(wanted)).length;
}

export function afterNudgeFailure(n: Nudge, error: DeskError, now: number, random?: () => number): Nudge {
  const held = holds(error);
  const retry = now + retryDelayMs(n.attempts, error, random);
  return { ...n, lastError: error, held, nextAt: held ? Number.MAX_SAFE_INTEGER : error.kind === 'timeout' ? Math.max(retry, now + LANDING_MS) : retry };
}

export function dueNudges(all: Record<string, Nudge>, now: number): Nudge[] {
  return Object.values(all).filter((n) => n.sentAt === undefined && !n.held && n.nextAt <= now);
}

/** Sent ones the user could ask again about long ago are forgotten. */
export function pruneNudges(all: Record<string, Nudge>, now: number): Record<string, Nudge> {
  return Object.fromEntries(Object.entries(all).filter(([, n]) => n.sentAt === undefined || now < n.againAt + KEPT_MS));
}
