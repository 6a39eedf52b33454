// Delivers the outbox: at once on Send, then on an alarm, with every step in storage.
import { DeskFailure, deskError, toDeskError, type DeskError } from '../domain';
import { externalise, internalise, isQuotaError, type BlobStore } from '../requests/blobs';
import { afterFailure, afterTimeout, beginAttempt, due, filedOutcome, mayCreate, mayHaveLanded, newSubmission, outboxBlobs, SENDING_NOW, type CancelResult, type Landed, type Submission, type SubmitResult } from '../requests/outbox';
import { LANDING, type SubmitInput, type SubmitOutcome } from '../requests/submit';
import { serialWrites } from './serial';
import type { Item } from './tracker';

export interface OutboxDeps {
  /** The list is one storage key: each entry keeps only text and references, a few KB. */
  outbox: Item<Submission[]>;
  /** Where the screenshots and files of waiting requests are kept; without it, entries keep them inline. */
  blobs?: BlobStore;
  /**
   * Files one submission; `attempt` > 0 means an earlier attempt may have reached the desk.
   * With `create` false it only looks for what an earlier, timed-out attempt may still file.
   */
  deliver(s: Submission, attempt: number, create: boolean): Promise<SubmitOutcome>;
  /** How long a timed-out create may still land at the desk. */
  landingMs(s: Submission): Promise<number>;
  now(): number;
  newId(): string;
  schedule(delayMs: number): Promise<void>;
  onSent(outcome: SubmitOutcome): void;
  /**
   * A request taken back from the outbox becomes an unfinished draft again, kept before it
   * leaves the outbox: the popup that asked may close before it has the answer. 'full': no room.
   */
  giveBack?(input: SubmitInput, keepNewer?: boolean): Promise<'saved' | 'full' | 'newer'>;
  /**
   * The requests filed lately, by client id, where a worker started again finds them (the
   * browser's session storage): a popup still showing one as waiting is told where it went.
   * Without it, this worker's memory.
   */
  landed?: Item<Landed>;
}

export type Outbox = ReturnType<typeof createOutbox>;

/** How many lately filed requests the outbox remembers for a popup that still shows them waiting. */
const LANDED_KEPT = 20;

/** An item kept in this worker's memory only. */
function memoryItem<T>(value: T): Item<T> {
  return { getValue: async () => value, setValue: async (next) => void (value = next) };
}

const retryDelay = (s: Submission) => afterFailure(s, { kind: 'server', retryable: true }, 0).nextAt;

/**
 * The wake-up kept for an entry whose attempt is under way: needed only if this worker is
 * stopped before the attempt ends (the attempt sets the next one itself), and then only the
 * browser's alarm is left, which comes no sooner than 30 s in a packed build. Sooner, a slow
 * attempt past its own retry time would wake the outbox again and again for nothing.
 */
export const SENDING_WAKE_MS = 30_000;

/** What a popup may name its Send with (it becomes the request's client id): a UUID's letters. */
const SEND_ID = /^[A-Za-z0-9-]{8,64}$/;

export function createOutbox(deps: OutboxDeps) {
  // Submissions being sent by this worker now; a killed worker's attempt shows in storage instead.
  const sending = new Set<string>();
  // Every read-change-write of the stored list runs one after another (./serial).
  const writes = serialWrites();
  // Filed lately, by client id: a popup still showing one as waiting (Try now, Cancel and edit)
  // is told where it went, not that it is gone, also by a worker started again since. The last few.
  const landed = deps.landed ?? memoryItem<Landed>([]);
  const filed = async (clientId: string, outcome: SubmitOutcome) => {
    await writes.change(landed, (list) => [...list.filter(([id]) => id !== clientId), [clientId, outcome] as Landed[number]].slice(-LANDED_KEPT)).catch(() => undefined);
    deps.onSent(outcome);
  };
  /** Where a request filed lately went (read after any write still queued). */
  const landedOf = async (clientId: string) => (await writes.change(landed, (list) => list).catch((): Landed => [])).find(([id]) => id === clientId)?.[1];
  const update = (change: (list: Submission[]) => Submission[]) => writes.change(deps.outbox, change);
  const read = () => update((list) => list);
  const replace = (s: Submission) => update((list) => list.map((x) => (x.clientId === s.clientId ? s : x)));

  /** A request's files go with it. */
  async function dropBlobs(clientId: string): Promise<void> {
    const blobs = deps.blobs;
    if (blobs) await blobs.delete(await blobs.list(outboxBlobs(clientId))).catch(() => undefined);
  }
  const remove = async (clientId: string) => {
    const list = await update((all) => all.filter((x) => x.clientId !== clientId));
    await dropBlobs(clientId);
    return list;
  };

  /** The entry with its screenshot and files read back (one that went missing is left out). */
  async function whole(s: Submission): Promise<Submission> {
    if (!deps.blobs) return s;
    return { ...s, input: { ...s.input, context: (await internalise(deps.blobs, s.input.context)).context } };
  }

  /** Sets the outbox's next wake-up; `ended`: the entry whose attempt has just ended, due as stored. */
  async function reschedule(list: Submission[], ended?: string): Promise<void> {
    const now = deps.now();
    const under = (s: Submission) => sending.has(s.clientId) && s.clientId !== ended;
    const waiting = list.filter((s) => !s.held).map((s) => (under(s) ? Math.max(s.nextAt, now + SENDING_WAKE_MS) : s.nextAt));
    if (waiting.length === 0) return;
    await deps.schedule(Math.max(0, Math.min(...waiting) - now));
  }

  const busy = (clientId: string): SubmitResult => ({ status: 'queued', clientId, error: deskError('timeout', { detail: SENDING_NOW }) });

  /**
   * One delivery attempt of the entry as it is stored now (not as a caller saw it earlier: its
   * first attempt may have run meanwhile, or the user may have taken it back). Undefined when
   * it is no longer in the outbox.
   */
  async function attempt(clientId: string, unhold = false): Promise<SubmitResult | undefined> {
    if (sending.has(clientId)) return busy(clientId);
    sending.add(clientId);
    try {
      const stored = (await read()).find((x) => x.clientId === clientId);
      if (!stored) return undefined;
      // Should this worker be stopped while its create is on the wire (a crash, a desk slower
      // than the browser lets a worker wait), no outcome is ever recorded: the entry says from
      // the start that the desk may file it until the attempt's time and a timed-out create's
      // window are over, and the outcome recorded replaces that. (Files added to a filed
      // request are no create: they need no window.)
      const window = 2 * (await deps.landingMs(stored));
      let before: Submission | undefined;
      let started: Submission | undefined;
      let create = false;
      const list = await update((all) =>
        all.map((x) => {
          if (x.clientId !== clientId) return x;
          const now = deps.now();
          before = unhold ? { ...x, held: false } : x;
          create = mayCreate(before, now);
          const begun = beginAttempt(before, now);
          started = create && !before.filed ? { ...begun, landingUntil: now + window } : begun;
          return started;
        }),
      );
      if (!before || !started) return undefined;
      const s: Submission = before;
      /** The entry after this attempt, as it was before it began but for its count and time. */
      const ended = (): Submission => {
        const after: Submission = { ...(started as Submission), landingUntil: s.landingUntil };
        if (after.landingUntil === undefined) delete after.landingUntil;
        return after;
      };
      await reschedule(list);
      /** The attempt's outcome stored: its entry's next wake-up is its own again. */
      const settle = (after: Submission[]) => reschedule(after, clientId);
      try {
        const outcome = await deps.deliver(await whole(started), s.attempts, create);
        if (outcome.pendingAttachments?.length) {
          // Filed: the request is safe; only its missing files are retried from here on.
          const rest: Submission = { ...ended(), filed: { ticket: outcome.ticket, departmentName: outcome.departmentName }, nextAt: deps.now() + retryDelay(started) };
          await settle(await replace(rest));
        } else await settle(await remove(clientId));
        await filed(clientId, outcome);
        return { status: 'sent', outcome };
      } catch (err) {
        let error: DeskError = toDeskError(err);
        if (error.kind === 'rejected' && s.attempts === 0) {
          // The desk (or our check) refused a value at Send: back to the user's form, which the
          // popup still shows, nothing to retry; an unfinished draft again, should the popup
          // have closed meanwhile (it stopped being one when the outbox took it), but never over
          // a newer draft of the same form and page, begun since.
          const back = await deps.giveBack?.((await whole(s)).input, true).catch(() => 'full' as const);
          if (back === 'full' || back === 'newer') {
            // No room to keep it as a draft, or a newer one there: it stays, held with the
            // reason, to be taken back.
            await settle(await replace(afterFailure(ended(), error, deps.now())));
            throw err;
          }
          await remove(clientId);
          throw err;
        }
        // A yes from the desk whose body was cut short is no settings problem: a create may be
        // filed, and a look is simply made again (held, it waited for the user for nothing).
        if (error.kind === 'not-api' && mayHaveLanded(error)) error = deskError('server', { status: error.status, detail: error.detail });
        // Refused on a later attempt (the form changed while it waited): held with the reason, in
        // My requests, to be taken back and edited; never dropped unseen.
        let failed = afterFailure(ended(), error, deps.now());
        // A create that may still land; until it could have, attempts only look for it.
        if (create && mayHaveLanded(error)) failed = afterTimeout(failed, deps.now(), await deps.landingMs(s));
        else if (!create && failed.landingUntil && !failed.held) failed = { ...failed, nextAt: Math.max(failed.nextAt, failed.landingUntil) };
        await settle(await replace(failed));
        return { status: 'queued', clientId, error, ...(failed.held ? {} : { nextAt: failed.nextAt }) };
      }
    } finally {
      sending.delete(clientId);
    }
  }

  /** A Send named `sendId` made before: its entry, tried now unless under way, or where it was filed lately; undefined if none. */
  async function sentBefore(sendId: string): Promise<SubmitResult | undefined> {
    const result = (await read()).some((x) => x.clientId === sendId) ? await attempt(sendId, true) : undefined;
    if (result) return result;
    const outcome = await landedOf(sendId);
    return outcome && { status: 'sent', outcome };
  }

  return {
    /**
     * Stores the request first (its files, then its small entry), then tries to deliver it.
     * No room to store it: nothing is sent, and the user is told so ('storage-full').
     */
    async submit(input: SubmitInput, taken?: () => Promise<void>, sendId?: string): Promise<SubmitResult> {
      // The same Send again (the popup named it): the request the outbox already has, or filed
      // lately, is the answer; it is never stored twice. A popup whose first Send got no answer
      // (the worker stopped while it was sent) presses it again with the same name.
      const named = sendId && SEND_ID.test(sendId) ? sendId : undefined;
      const again = named && (await sentBefore(named));
      if (again) {
        await taken?.().catch(() => undefined);
        return again;
      }
      const clientId = named ?? deps.newId();
      try {
        const context = deps.blobs ? await externalise(deps.blobs, outboxBlobs(clientId), input.context) : input.context;
        const s = newSubmission(clientId, { ...input, context }, deps.now());
        await update((list) => (list.some((x) => x.clientId === clientId) ? list : [...list, s]));
      } catch (err) {
        await dropBlobs(clientId);
        if (isQuotaError(err)) throw new DeskFailure(deskError('storage-full'));
        throw err;
      }
      // Held for its first attempt (no other starts it meanwhile), and woken for should this
      // worker stop before that attempt ends.
      sending.add(clientId);
      await reschedule(await read()).catch(() => undefined);
      // Stored: from here on the outbox has it, whatever the first attempt comes to (a popup
      // opened meanwhile must not offer it as unsent), and only a refusal at Send gives it back.
      await taken?.().catch(() => undefined);
      sending.delete(clientId);
      try {
        return (await attempt(clientId)) ?? busy(clientId);
      } catch (err) {
        if (toDeskError(err).kind === 'rejected') throw err;
        // The attempt's bookkeeping failed (storage): the entry is kept and retried all the same.
        return { status: 'queued', clientId, error: toDeskError(err) };
      }
    },
    async flush(): Promise<void> {
      for (const s of due(await read(), deps.now())) await attempt(s.clientId).catch(() => undefined);
      // One alarm wakes the outbox, and each attempt sets it for itself: it is set again for
      // the next one due, so no entry is left without a wake-up.
      await reschedule(await read());
    },
    /** Undefined when it is no longer in the outbox and was not filed lately (in this browser session). */
    async retry(clientId: string): Promise<SubmitResult | undefined> {
      const result = await attempt(clientId, true);
      if (result) return result;
      const outcome = await landedOf(clientId);
      return outcome && { status: 'sent', outcome };
    },
    /**
     * Takes a request out of the outbox and gives it back, to be edited as a draft again. When an
     * earlier attempt may have reached the desk, the desk is asked first: a copy found there is
     * the answer, and while a timed-out send may still land nothing is given back (sent again
     * after editing, it would be filed twice).
     */
    async cancel(clientId: string): Promise<CancelResult | undefined> {
      if (sending.has(clientId)) return { status: 'sending' };
      // Held as "being sent" until it is gone, so no attempt starts in between.
      sending.add(clientId);
      try {
        const s = (await read()).find((x) => x.clientId === clientId);
        const outcome = (await landedOf(clientId)) ?? (s?.filed && filedOutcome(s.filed, false));
        // Filed meanwhile (by the alarm's attempt), or filed with files still to add: nothing to
        // take back, and the popup says where it went.
        if ((!s || s.filed) && outcome) return { status: 'filed', outcome };
        if (!s) return undefined;
        if (s.attempts > 0) {
          try {
            const outcome = await deps.deliver(await whole(s), s.attempts, false);
            await reschedule(await remove(clientId));
            await filed(clientId, outcome);
            return { status: 'filed', outcome };
          } catch (err) {
            const error = toDeskError(err);
            const notThere = error.detail === LANDING;
            // Not found, and the desk has had its time: safe to give back. Not found yet: it waits.
            if (notThere && !mayCreate(s, deps.now())) return { status: 'landing', until: s.landingUntil ?? deps.now() };
            // The look itself failed. For a while (offline, busy, signed out): try again later;
            // nothing is given back that the desk may hold. For good (the desk removed from the
            // settings, its form gone from the desk): it can never be checked, and the request
            // is given back rather than held for ever.
            const forGood = error.kind === 'config' || (error.kind === 'not-found' && error.detail === 'form');
            if (!notThere && !forGood) throw err;
          }
        }
        const { input } = await whole(s);
        // No room to keep it as a draft: it stays in the outbox rather than live only in an answer.
        if ((await deps.giveBack?.(input)) === 'full') throw new DeskFailure(deskError('storage-full'));
        await reschedule(await remove(clientId));
        return { status: 'returned', input };
      } finally {
        sending.delete(clientId);
      }
    },
    list: read,
  };
}
