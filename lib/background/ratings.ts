// "How did we do?": offers made when requests become done, and the ratings' own outbox. A rating
// is stored before any traffic, sent at once, and retried on an alarm with the requests' backoff
// (lib/requests/outbox.ts) until the desk has it; a retry asks the desk first where it can.
import { DeskFailure, deskError, toDeskError, type DeskKind, type RatingScore, type TicketRef } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { afterFailure, beginAttempt, due } from '../requests/outbox';
import { commentsFor, deliverRating, newRatingSubmission, offerFor, ratingQuestion, ratingsEnabled, ratingWay, type RatingAsk, type RatingOffer, type RatingPolicy, type RatingPrompts, type RatingResult, type RatingSubmission } from '../requests/rating';
import type { Item } from './tracker';

export interface RatingsDeps {
  offers: Item<Record<string, RatingOffer>>;
  outbox: Item<RatingSubmission[]>;
  /** The adapter of the desk a request is on (with its origin permission checked). */
  adapterFor(ref: TicketRef): Promise<DeskAdapter>;
  kindOf(deskId: string): Promise<DeskKind | undefined>;
  policy(): Promise<RatingPolicy | undefined>;
  now(): number;
  newId(): string;
  /** Sets the ratings' alarm; a later call replaces an earlier one. */
  schedule(delayMs: number): Promise<void>;
}

export type Ratings = ReturnType<typeof createRatings>;

export function createRatings(deps: RatingsDeps) {
  const sending = new Set<string>();
  // One read-change-write at a time per stored list, as in the requests' outbox.
  let writes: Promise<unknown> = Promise.resolve();
  function change<T>(item: Item<T>, fn: (value: T) => T): Promise<T> {
    const next = writes.then(async () => {
      const value = fn(await item.getValue());
      await item.setValue(value);
      return value;
    });
    writes = next.catch(() => undefined);
    return next;
  }
  const setOffer = (key: string, state: RatingOffer['state']) =>
    change(deps.offers, (all) => (all[key] ? { ...all, [key]: { ...all[key], state } } : all));

  async function reschedule(list: RatingSubmission[]): Promise<void> {
    const waiting = list.filter((s) => !s.held);
    if (waiting.length) await deps.schedule(Math.max(0, Math.min(...waiting.map((s) => s.nextAt)) - deps.now()));
  }

  /** One attempt of the rating as stored now; undefined when it is no longer waiting. */
  async function attempt(key: string, unhold = false): Promise<RatingResult | undefined> {
    if (sending.has(key)) return { status: 'queued', error: deskError('timeout') };
    sending.add(key);
    try {
      let before: RatingSubmission | undefined;
      let started: RatingSubmission | undefined;
      const list = await change(deps.outbox, (all) =>
        all.map((s) => {
          if (s.key !== key) return s;
          before = unhold ? { ...s, held: false } : s;
          started = beginAttempt(before, deps.now());
          return started;
        }),
      );
      if (!before || !started) return undefined;
      await reschedule(list);
      try {
        await deliverRating(await deps.adapterFor(started.ref), started, before.attempts);
        await reschedule(await change(deps.outbox, (all) => all.filter((s) => s.key !== key)));
        return { status: 'sent' };
      } catch (err) {
        const error = toDeskError(err);
        const failed = afterFailure(started, error, deps.now());
        await reschedule(await change(deps.outbox, (all) => all.map((s) => (s.key === key ? failed : s))));
        return { status: 'queued', error, ...(failed.held ? {} : { nextAt: failed.nextAt }) };
      }
    } finally {
      sending.delete(key);
    }
  }

  return {
    /** Requests that just became done are offered a rating (once each); the keys offered now. */
    async offer(done: { key: string; ref: TicketRef; subject: string }[]): Promise<Set<string>> {
      if (done.length === 0 || !ratingsEnabled(await deps.policy())) return new Set();
      const before = await deps.offers.getValue();
      const after = await change(deps.offers, (all) => offerFor(all, done, deps.now()));
      return new Set(done.map((d) => d.key).filter((key) => !before[key] && after[key]?.state === 'offered'));
    },

    /** What My requests asks: open offers, and ratings still on their way. */
    async prompts(): Promise<RatingPrompts> {
      const policy = await deps.policy();
      const question = ratingQuestion(policy);
      if (!ratingsEnabled(policy)) return { question, asks: [] };
      const [offers, waiting] = await Promise.all([deps.offers.getValue(), deps.outbox.getValue()]);
      const asks: RatingAsk[] = [];
      for (const offer of Object.values(offers).sort((a, b) => b.offeredAt - a.offeredAt)) {
        const queued = waiting.find((s) => s.key === offer.key);
        if (offer.state !== 'offered' && !queued) continue;
        const kind = await deps.kindOf(offer.ref.deskId);
        if (!kind) continue;
        asks.push({
          key: offer.key,
          ref: offer.ref,
          subject: offer.subject,
          comment: commentsFor(kind, policy),
          ...(queued ? { waiting: { ...(queued.lastError ? { error: queued.lastError } : {}), ...(queued.held ? {} : { nextAt: queued.nextAt }) } } : {}),
        });
      }
      return { question, asks };
    },

    /** Keeps the rating in the outbox, then sends it; the offer is answered either way. */
    async send({ key, score, comment }: { key: string; score: RatingScore; comment: string }): Promise<RatingResult> {
      const offer = (await deps.offers.getValue())[key];
      if (!offer) throw new DeskFailure(deskError('not-found', { detail: 'rating' }));
      if ((await deps.outbox.getValue()).some((s) => s.key === key)) return (await attempt(key, true)) ?? { status: 'sent' };
      const [kind, policy] = await Promise.all([deps.kindOf(offer.ref.deskId), deps.policy()]);
      if (!kind) throw new DeskFailure(deskError('config', { detail: 'desk' }));
      const s = newRatingSubmission(deps.newId(), offer, score, comment, (rating) => ratingWay(kind, policy, rating), deps.now());
      await change(deps.outbox, (all) => [...all, s]);
      await setOffer(key, 'sent');
      return (await attempt(key)) ?? { status: 'sent' };
    },

    /** "Not now": not asked again for this request. */
    async dismiss(key: string): Promise<void> {
      await setOffer(key, 'dismissed');
    },

    async flush(): Promise<void> {
      for (const s of due(await deps.outbox.getValue(), deps.now())) await attempt(s.key).catch(() => undefined);
    },
  };
}
