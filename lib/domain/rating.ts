// "How did we do?": the requester's rating of a request that is done, and how a desk takes it.

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

export interface Rating {
  /** The outbox's id for this rating: carried where the desk keeps text, so a retry can find it. */
  clientId: string;
  score: RatingScore;
  comment?: string;
}

/**
 * Where a desk without a rating of its own (RT) keeps one, as the administrator names it in
 * policy: a ticket custom field (the score, and the comment in a second field when named), or
 * else a reply carrying the rating.
 */
export type RatingWay =
  | { kind: 'field'; field: string; commentField?: string }
  /** `text`: the reply as the requester's words put it (lib/requests renders it, reference included). */
  | { kind: 'reply'; text: string }
  | { kind: 'desk' };

/** Whether a rating sent this way keeps a comment. */
export const takesComment = (way: RatingWay): boolean => way.kind !== 'field' || way.commentField !== undefined;

export function isRatingScore(value: unknown): value is RatingScore {
  return typeof value === 'number' && (RATING_SCORES as readonly number[]).includes(value);
}
