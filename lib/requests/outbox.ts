// The outbox: a request is stored before any network traffic and delivered from here,
// retried with backoff across worker and browser restarts, and never filed twice.
import { deskError, LANDING, type DeskError, type TicketRef } from '../domain';
import type { SubmitInput, SubmitOutcome } from './submit';

/** Requests filed lately, oldest first: [client id, where it went] (see lib/background/outbox). */
export type Landed = [clientId: string, outcome: SubmitOutcome][];

export interface Submission {
  /** Carried in the request itself, so a retry can find what an earlier attempt filed. */
  clientId: string;
  /** As stored: the screenshot and files are references into the blob store (see createOutbox). */
  input: SubmitInput;
  createdAt: number;
  attempts: number;
  nextAt: number;
  lastError?: DeskError;
  /** Waiting for the user (sign in, permission): not retried on its own. */
  held: boolean;
  /**
   * A create that timed out may still reach the desk until then: attempts before it only look
   * for the request and never file it again.
   */
  landingUntil?: number;
  /** Filed, but some files did not reach the desk: only those are retried. */
  filed?: { ticket: TicketRef; departmentName: string };
}

/** Where a filed entry went; `confirmed`: the desk holds all its files now. */
export function filedOutcome(filed: NonNullable<Submission['filed']>, confirmed: boolean): SubmitOutcome {
  return { ticket: filed.ticket, departmentName: filed.departmentName, dropped: [], confirmed };
}

/** Said of a request an attempt is sending right now (a locale key: describeError words it). */
export const SENDING_NOW = 'outbox.sendingNow';

/**
 * What "Cancel and edit" gives: the request back to edit; or, when an earlier send may have
 * reached the desk, the request it found there, or a wait until the desk had time to file it.
 */
export type CancelResult =
  | { status: 'returned'; input: SubmitInput }
  | { status: 'filed'; outcome: SubmitOutcome }
  | { status: 'landing'; until: number }
  /** An attempt is under way right now: nothing is taken back; asked again once it ended. */
  | { status: 'sending' };

/** Why "Cancel and edit" took nothing back, as the error the popup shows (none when it did, or the request was filed). */
export function whyKept(answer: CancelResult | undefined): DeskError | undefined {
  if (answer?.status === 'landing') return deskError('timeout', { detail: LANDING });
  if (answer?.status === 'sending') return deskError('timeout', { detail: SENDING_NOW });
  return undefined;
}

export type SubmitResult =
  | { status: 'sent'; outcome: SubmitOutcome }
  | { status: 'queued'; clientId: string; error: DeskError; nextAt?: number };

/** What every outbox entry (a request, a rating) keeps of its attempts. */
export interface Attempts {
  attempts: number;
  nextAt: number;
  lastError?: DeskError;
  held: boolean;
}

export const BASE_RETRY_MS = 2000;
export const MAX_RETRY_MS = 10 * 60 * 1000;

/** Errors the user must act on: retrying alone would only fail again. */
const NEEDS_USER = new Set<DeskError['kind']>(['unauthorized', 'forbidden', 'permission', 'config', 'not-api']);

/** Whether a failed send waits for the user (not retried on its own) after this error. */
export function holds(error: DeskError): boolean {
  return NEEDS_USER.has(error.kind) || !error.retryable;
}

export function retryDelayMs(attempts: number, error: DeskError, random: () => number = Math.random): number {
  const backoff = Math.min(BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS) * (0.5 + random());
  return Math.round(Math.max(backoff, error.retryAfterMs ?? 0));
}

/** Where a submission's screenshot and files are kept (lib/requests/blobs.ts) while it waits. */
export const outboxBlobs = (clientId: string): string => `outbox/${clientId}/`;

export function newSubmission(clientId: string, input: SubmitInput, now: number): Submission {
  return { clientId, input, createdAt: now, attempts: 0, nextAt: now, held: false };
}

/**
 * Marks an attempt as started, before any traffic: should the worker die mid-request, the next
 * attempt knows an earlier one may have reached the desk, and when it is due.
 */
export function beginAttempt<S extends Attempts>(s: S, now: number, random?: () => number): S {
  const attempts = s.attempts + 1;
  return { ...s, attempts, nextAt: now + retryDelayMs(attempts, { kind: 'timeout', retryable: true }, random) };
}

/** After a failed attempt: when to try again, or hold for the user. */
export function afterFailure<S extends Attempts>(s: S, error: DeskError, now: number, random?: () => number): S {
  const held = holds(error);
  return { ...s, lastError: error, held, nextAt: held ? Number.MAX_SAFE_INTEGER : now + retryDelayMs(s.attempts, error, random) };
}

/**
 * Whether a create that failed so may have been filed all the same, and must be looked for
 * before it is sent again: it timed out; a gateway gave up on a desk still at work (502, 503,
 * 504, 520-524); or the desk said yes with a body cut short (a 2xx read as no API) or lost on
 * the way (the connection failed after the answer's status).
 * A connection that failed before any answer is not counted: fetch cannot tell a reset after
 * the request went out from a desk that could not be reached, and a landing window there would
 * make every request filed while the desk was down wait it out once the desk is back. Every
 * retry looks for an earlier attempt's request before filing (submitRequest) all the same.
 */
export function mayHaveLanded(error: DeskError): boolean {
  const status = error.status ?? 0;
  if (error.kind === 'timeout') return true;
  if (status >= 200 && status < 300) return error.kind === 'server' || error.kind === 'not-api' || error.kind === 'offline';
  return error.kind === 'server' && (status === 502 || status === 503 || status === 504 || (status >= 520 && status <= 524));
}

/** Whether this attempt may file the request, or only look for one that may still land. */
export function mayCreate(s: Submission, now: number): boolean {
  return !(s.landingUntil !== undefined && now < s.landingUntil);
}

/** A create that timed out: give the desk as long again before filing anything anew. */
export function afterTimeout(s: Submission, now: number, landingMs: number): Submission {
  const landingUntil = now + landingMs;
  return { ...s, landingUntil, nextAt: s.held ? s.nextAt : Math.max(s.nextAt, landingUntil) };
}

export function due<S extends Attempts>(list: S[], now: number): S[] {
  return list.filter((s) => !s.held && s.nextAt <= now);
}
