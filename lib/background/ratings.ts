// "How did we do?": offers made when requests become done, and the ratings' own outbox. A rating
// is stored before any traffic, sent at once, and retried on an alarm with the requests' backoff
// (lib/requests/outbox.ts) until the desk has it; a retry asks the desk first where it can.
import { DESK_KINDS, DeskFailure, deskError, toDeskError, type DeskKind, type RatingScore, type TicketRef } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { afterFailure, beginAttempt, due } from '../requests/outbox';
import { commentsFor, deliverRating, newRatingSubmission, OFFER_KEPT_MS, offerFor, ratingQuestion, ratingsEnabled, ratingWay, type RatingAsk, type RatingOffer, type RatingPolicy, type RatingPrompts, type RatingResult, type RatingSubmission } from '../requests/rating';
import { serialWrites } from './serial';
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
  const sending = new Map<string, Promise<RatingResult | undefined>>();
  // One read-change-write at a time of the offers and the ratings' outbox (./serial).
  const { change, serial } = serialWrites();
  const setOffer = (key: string, state: RatingOffer['state']) =>
    change(deps.offers, (all) => (all[key] ? { ...all, [key]: { ...all[key], state } } : all));

  async function reschedule(list: RatingSubmission[]): Promise<void> {
    const waiting = list.filter((s) => !s.held);
    if (waiting.length) await deps.schedule(Math.max(0, Math.min(...waiting.map((s) => s.nextAt)) - deps.now()));
  }

  /** One attempt of the rating as stored now; undefined when it is no longer waiting. */
  function attempt(key: string, unhold = false): Promise<RatingResult | undefined> {
    // One attempt per rating at a time; a second caller gets the answer of the one in flight.
    const running = sending.get(key);
    if (running) return running;
    const next = attemptNow(key, unhold).finally(() => sending.delete(key));
    sending.set(key, next);
    return next;
  }

  async function attemptNow(key: string, unhold: boolean): Promise<RatingResult | undefined> {
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
  }

  /** Offers go after OFFER_KEPT_MS, and with them any rating of theirs still waiting. */
  async function prune(): Promise<void> {
    await serial(async () => {
      const [offers, list] = await Promise.all([deps.offers.getValue(), deps.outbox.getValue()]);
      const kept = offerFor(offers, [], deps.now());
      const waiting = list.filter((s) => kept[s.key] && deps.now() - s.createdAt < OFFER_KEPT_MS);
      if (Object.keys(kept).length !== Object.keys(offers).length) await deps.offers.setValue(kept);
      if (waiting.length !== list.length) await deps.outbox.setValue(waiting);
    });
  }

  return {
    /** Requests that just became done are offered a rating (once each); the keys offered now. */
    async offer(done: { key: string; ref: TicketRef; subject: string }[]): Promise<Set<string>> {
      if (done.length === 0 || !ratingsEnabled(await deps.policy())) return new Set();
      // Only where the desk takes a requester's rating (not JSM Data Center).
      const rateable = new Set<string>();
      for (const deskId of new Set(done.map((d) => d.ref.deskId))) {
        const kind = await deps.kindOf(deskId);
        if (kind && DESK_KINDS[kind].ratings) rateable.add(deskId);
      }
      const offered = done.filter((d) => rateable.has(d.ref.deskId));
      if (offered.length === 0) return new Set();
      const before = await deps.offers.getValue();
      const after = await change(deps.offers, (all) => offerFor(all, offered, deps.now()));
      await prune();
      return new Set(offered.map((d) => d.key).filter((key) => !before[key] && after[key]?.state === 'offered'));
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
        if (!kind || !DESK_KINDS[kind].ratings) continue;
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

    /**
     * Keeps the rating in the outbox, then sends it; the offer is answered either way. Decided in
     * one serialized change, so two popups cannot both add one: only an offer still open takes a
     * rating (one sent already answers 'sent'). A rating still queued is replaced by a changed one
     * while nothing of it can have reached the desk (no attempt yet, refused, or offline before
     * any answer: one lost after its status may have been the desk's yes).
     */
    async send({ key, score, comment }: { key: string; score: RatingScore; comment: string }): Promise<RatingResult> {
      const [kind, policy] = await Promise.all([deps.offers.getValue().then((all) => all[key] && deps.kindOf(all[key].ref.deskId)), deps.policy()]);
      const decided = await serial(async (): Promise<'send' | 'retry' | 'sent' | RatingResult> => {
        const [offers, list] = await Promise.all([deps.offers.getValue(), deps.outbox.getValue()]);
        const offer = offers[key];
        if (!offer) throw new DeskFailure(deskError('not-found', { detail: 'rating.error.gone' }));
        const queued = list.find((s) => s.key === key);
        if (!queued) {
          if (offer.state === 'sent') return { status: 'sent' };
          if (offer.state !== 'offered') throw new DeskFailure(deskError('not-found', { detail: 'rating.error.gone' }));
          if (!kind) throw new DeskFailure(deskError('config', { detail: 'rating.error.noDesk' }));
          const s = newRatingSubmission(deps.newId(), offer, score, comment, (rating) => ratingWay(kind, policy, rating), deps.now());
          await deps.outbox.setValue([...list, s]);
          await deps.offers.setValue({ ...offers, [key]: { ...offer, state: 'sent' } });
          return 'send';
        }
        const fresh = kind ? newRatingSubmission(queued.rating.clientId, offer, score, comment, (rating) => ratingWay(kind, policy, rating), deps.now()) : undefined;
        const changed = fresh !== undefined && (fresh.rating.score !== queued.rating.score || (fresh.rating.comment ?? '') !== (queued.rating.comment ?? ''));
        if (!changed) return 'retry';
        const untouched = !sending.has(key) && (queued.attempts === 0 || queued.held || (queued.lastError?.kind === 'offline' && !queued.lastError.status));
        if (!untouched) throw new DeskFailure(deskError('rejected', { detail: 'rating.error.onItsWay' }));
        await deps.outbox.setValue(list.map((s) => (s.key === key ? fresh : s)));
        return 'send';
      });
      if (typeof decided === 'object') return decided;
      return (await attempt(key, decided === 'retry')) ?? { status: 'sent' };
    },

    /** "Send again" on a held rating: tried now, whatever it was held for. */
    async retry(key: string): Promise<RatingResult> {
      return (await attempt(key, true)) ?? { status: 'sent' };
    },

    /** "Discard" on a held rating: it is not sent, and the request is not asked about again. */
    async discard(key: string): Promise<void> {
      await serial(async () => {
        await deps.outbox.setValue((await deps.outbox.getValue()).filter((s) => s.key !== key));
        const offers = await deps.offers.getValue();
        if (offers[key]) await deps.offers.setValue({ ...offers, [key]: { ...offers[key], state: 'dismissed' } });
      });
    },

    /** After a sign-in or a desk saved: ratings held for that desk are due again, and tried. */
    async unhold(deskId: string): Promise<void> {
      const list = await change(deps.outbox, (all) =>
        all.map((s) => (s.held && s.ref.deskId === deskId ? { ...s, held: false, nextAt: deps.now() } : s)),
      );
      await reschedule(list);
      for (const s of due(list, deps.now())) if (s.ref.deskId === deskId) await attempt(s.key).catch(() => undefined);
    },

    /** "Not now": not asked again for this request. */
    async dismiss(key: string): Promise<void> {
      await setOffer(key, 'dismissed');
    },

    async flush(): Promise<void> {
      await prune();
      for (const s of due(await deps.outbox.getValue(), deps.now())) await attempt(s.key).catch(() => undefined);
    },
  };
}
