// "How did we do?": which requests are offered a rating, and the rating's way into its desk.
// A rating goes through an outbox of its own (lib/background/ratings.ts) with the same backoff
// as requests: stored before any traffic, retried until the desk has it, never sent twice.
import { DeskFailure, deskError, takesComment, type DeskError, type DeskKind, type Rating, type RatingScore, type RatingWay, type TicketRef } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { t } from '../i18n';
import type { Attempts } from './outbox';

/** What the policy says of ratings (lib/settings/policy's RatingPolicy, which this layer may not import). */
export interface RatingPolicy {
  enabled?: boolean;
  question?: string;
  rtField?: string;
  rtCommentField?: string;
}

/** One request's rating prompt: offered once, when the request became done; kept until answered or dismissed. */
export interface RatingOffer {
  /** The tracker's key: `deskId/id`. */
  key: string;
  ref: TicketRef;
  subject: string;
  offeredAt: number;
  state: 'offered' | 'dismissed' | 'sent';
}

/** A rating waiting in the outbox. */
export interface RatingSubmission extends Attempts {
  key: string;
  ref: TicketRef;
  rating: Rating;
  /** Decided when the user pressed Send, so a retry goes the same way (and RT's reply keeps its reference). */
  way: RatingWay;
  createdAt: number;
}

/** A prompt in My requests: the offer, whether a comment is taken, and a rating still on its way. */
export interface RatingAsk {
  key: string;
  ref: TicketRef;
  subject: string;
  comment: boolean;
  /** Sent but not yet at the desk: why, and when it is tried again (none: held for the user). */
  waiting?: { error?: DeskError; nextAt?: number };
}

export interface RatingPrompts {
  question: string;
  asks: RatingAsk[];
}

export type RatingResult = { status: 'sent' } | { status: 'queued'; error: DeskError; nextAt?: number };

/** Stars and a comment being given in the popup, kept as typed. */
export interface RatingDraft {
  score?: RatingScore;
  comment: string;
}

/** An offer is kept this long after it was made; a dismissed or sent one is kept as long, so it is not asked again. */
export const OFFER_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
export const COMMENT_MAX = 1000;

export const ratingsEnabled = (policy: RatingPolicy | undefined): boolean => policy?.enabled !== false;

export const ratingQuestion = (policy: RatingPolicy | undefined): string => policy?.question ?? t('rating.question');

/** What an RT reply carrying a rating says: the score, the comment, and the reference a retry looks for. */
export function ratingReply(rating: Rating): string {
  const comment = rating.comment?.trim();
  return [t('rating.reply', { score: rating.score }), ...(comment ? [comment] : []), `${t('body.reference')}: ${rating.clientId}`].join('\n\n');
}

/** How a rating reaches a desk of this kind, as the policy says. */
export function ratingWay(kind: DeskKind, policy: RatingPolicy | undefined, rating: Rating): RatingWay {
  if (kind !== 'rt') return { kind: 'desk' };
  if (policy?.rtField) return { kind: 'field', field: policy.rtField, ...(policy.rtCommentField ? { commentField: policy.rtCommentField } : {}) };
  return { kind: 'reply', text: ratingReply(rating) };
}

/** Whether the rating form for a desk of this kind offers a comment box (an RT field without a comment field keeps none). */
export const commentsFor = (kind: DeskKind, policy: RatingPolicy | undefined): boolean =>
  takesComment(ratingWay(kind, policy, { clientId: '', score: 5 }));

/** Offers for requests that just became done, unless one was made before (answered, dismissed or open). */
export function offerFor(offers: Record<string, RatingOffer>, done: { key: string; ref: TicketRef; subject: string }[], now: number): Record<string, RatingOffer> {
  const next: Record<string, RatingOffer> = {};
  for (const [key, offer] of Object.entries(offers)) if (now - offer.offeredAt < OFFER_KEPT_MS) next[key] = offer;
  for (const d of done) next[d.key] ??= { key: d.key, ref: d.ref, subject: d.subject, offeredAt: now, state: 'offered' };
  return next;
}

export function newRatingSubmission(clientId: string, offer: RatingOffer, score: RatingScore, comment: string, way: (rating: Rating) => RatingWay, now: number): RatingSubmission {
  const text = comment.trim().slice(0, COMMENT_MAX);
  const rating: Rating = { clientId, score, ...(text ? { comment: text } : {}) };
  return { key: offer.key, ref: offer.ref, rating, way: way(rating), createdAt: now, attempts: 0, nextAt: now, held: false };
}

/**
 * Sends one rating. A retry (`attempt` > 0) first asks the desk whether an earlier attempt got
 * through, where the desk lets the requester read it back; where it does not (Zendesk), sending
 * again sets the same rating again.
 */
export async function deliverRating(adapter: DeskAdapter, s: RatingSubmission, attempt: number): Promise<void> {
  if (!adapter.rate) throw new DeskFailure(deskError('config', { detail: 'rating.error.unsupported' }));
  if (attempt > 0 && (await adapter.findRating?.(s.ref, s.rating, s.way))) return;
  await adapter.rate(s.ref, s.rating, s.way);
}
