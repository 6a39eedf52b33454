// "How did we do?" in Request Tracker, which has no rating of its own: the administrator names
// a ticket custom field in policy (the score as "1".."5", the comment in a second field when
// named), or else the rating goes as a reply. Both can be read back, so a retry looks first.
import { DeskFailure, deskError, type Message, type Rating, type RatingWay, type TicketRef } from '../../domain';
import type { HttpRequest } from '../../http/client';
import type { RtTicket } from './wire';

type Call = <T>(path: string, init?: Omit<HttpRequest, 'url'>) => Promise<T>;

const ticketPath = (ref: TicketRef) => `/ticket/${encodeURIComponent(ref.id)}`;

/** The custom fields a rating sets: RT takes them by name. */
export function ratingFields(rating: Pick<Rating, 'score' | 'comment'>, way: Extract<RatingWay, { kind: 'field' }>): Record<string, string> {
  const comment = rating.comment?.trim();
  return { [way.field]: String(rating.score), ...(way.commentField && comment ? { [way.commentField]: comment } : {}) };
}

/** Whether the ticket holds this rating in the named fields. */
export function holdsRating(ticket: Pick<RtTicket, 'CustomFields'>, rating: Pick<Rating, 'score' | 'comment'>, way: Extract<RatingWay, { kind: 'field' }>): boolean {
  const values = (name: string) => ticket.CustomFields.find((cf) => cf.name === name)?.values ?? [];
  return Object.entries(ratingFields(rating, way)).every(([name, value]) => values(name).some((v) => v.trim() === value));
}

export async function rateTicket(call: Call, ref: TicketRef, rating: Rating, way: RatingWay, reply: (ref: TicketRef, text: string) => Promise<void>): Promise<void> {
  if (way.kind === 'reply') return reply(ref, way.text);
  if (way.kind !== 'field') throw new DeskFailure(deskError('config', { detail: 'rating.error.unsupported' }));
  // RT answers 200 to a field it did not set (no right, unknown name, a value not in a select):
  // the ticket is read back, and a rating it does not hold is the administrator's to fix.
  await call(ticketPath(ref), { method: 'PUT', json: { CustomFields: ratingFields(rating, way) } });
  if (!holdsRating(await call<RtTicket>(ticketPath(ref)), rating, way)) {
    throw new DeskFailure(deskError('config', { detail: 'rating.error.notKept', field: way.field }));
  }
}

export async function findTicketRating(call: Call, ref: TicketRef, rating: Rating, way: RatingWay, conversation: (ref: TicketRef) => Promise<Message[]>): Promise<boolean> {
  if (way.kind === 'field') return holdsRating(await call<RtTicket>(ticketPath(ref)), rating, way);
  // A reply carries the rating's reference: mine, on this ticket.
  return (await conversation(ref)).some((m) => m.mine && m.text.includes(rating.clientId));
}
