// One typed protocol between the extension's pages and the background, which owns all desk
// traffic and the token. A message name maps to its request and response types.
import type { PageContext } from '../capture/context';
import type { Attachment, Catalog, DeskUser, Department, FieldSpec, Message, Result, TicketRef } from '../domain';
import type { Preferences } from '../settings/preferences';
import type { Snapshot } from '../tracking/snapshot';
import { deskError } from '../domain';
import type { CancelResult, Submission, SubmitResult } from '../requests/outbox';
import type { RatingPrompts, RatingResult } from '../requests/rating';
import type { RatingScore } from '../domain';
import type { Nudge } from '../requests/nudge';
import type { SubmitInput } from '../requests/submit';
import type { DeskInput, DeskSummary } from '../settings/desk';

export interface Protocol {
  /**
   * The catalog from the configured desks, stored for the next popup. Fetched now, unless the
   * stored one is younger than `maxAgeMs`.
   */
  'catalog.refresh': { request: { maxAgeMs?: number }; response: Catalog };
  /** A form's fields: the kept ones when younger than `maxAgeMs`, else read from the desk now. */
  'form.fields': { request: { deskId: string; formId: string; maxAgeMs?: number }; response: FieldSpec[] };
  /** Page context of a tab (the active one when no id is given), redacted. */
  'context.capture': { request: { tabId?: number }; response: PageContext };
  /**
   * Stored in the outbox first, then sent: the answer says sent, or queued and why. `sendId`
   * names the Send: the same Send again (no answer came) is answered with that request, not filed twice.
   */
  'request.submit': { request: SubmitInput & { sendId?: string }; response: SubmitResult };
  'outbox.list': { request: Record<string, never>; response: Submission[] };
  'outbox.retry': { request: { clientId: string }; response: SubmitResult | null };
  /** Gives the request back (to be edited as a draft), unless an earlier send may have filed it. */
  'outbox.cancel': { request: { clientId: string }; response: CancelResult | null };
  /** Checks settings against the desk without saving them; an empty secret uses the saved one of the same desk. */
  'desk.test': { request: { input: DeskInput }; response: { user: DeskUser; departments: Department[] } };
  /** Saves one desk: in place of the desk with the same id or of `id` (being edited), else added. */
  'desk.save': { request: { input: DeskInput; id?: string }; response: DeskSummary };
  /** Signs in through the desk's OAuth page (Zendesk), then saves the desk as `desk.save` does. */
  'desk.oauth': { request: { input: DeskInput; id?: string }; response: DeskSummary };
  /** Forgets a desk the user added (an administrator's desk stays, without the user's credentials). */
  'desk.remove': { request: { id: string }; response: DeskSummary[] };
  /** The desks in effect, the administrator's first. */
  'desk.list': { request: Record<string, never>; response: DeskSummary[] };
  /** Looks at the desk now (one listing, details only for what changed). */
  'requests.sync': { request: { full?: boolean }; response: Snapshot | null };
  /** The popup is open (its user is watching): replies are looked for every minute for a while, without a look now. */
  'requests.watching': { request: Record<string, never>; response: void };
  'requests.seen': { request: { key: string }; response: Snapshot | null };
  'requests.conversation': { request: { ref: TicketRef }; response: Message[] };
  'requests.reply': { request: { ref: TicketRef; text: string; attachments: Attachment[] }; response: void };
  /** "Ask for an update" on a late request (by its key): refused when not late or asked within the promise period. */
  'requests.nudge': { request: { key: string }; response: Nudge };
  /** Every request's last "Ask for an update", by request key. */
  'requests.nudges': { request: Record<string, never>; response: Record<string, Nudge> };
  /** "How did we do?": the question, and the requests to ask it about (with ratings still on their way). */
  'ratings.prompts': { request: Record<string, never>; response: RatingPrompts };
  /** Kept in the ratings' outbox first, then sent: sent, or queued and why. */
  'ratings.send': { request: { key: string; score: RatingScore; comment: string }; response: RatingResult };
  /** "Not now": not asked again for this request. */
  'ratings.dismiss': { request: { key: string }; response: void };
  /** "Send again" on a rating the desk refused (held): tried now. */
  'ratings.retry': { request: { key: string }; response: RatingResult };
  /** "Discard" on a held rating: dropped, and the request not asked about again. */
  'ratings.discard': { request: { key: string }; response: void };
  'prefs.get': { request: Record<string, never>; response: Preferences };
  'prefs.set': { request: Partial<Preferences>; response: Preferences };
}

export type MessageName = keyof Protocol;
export type RequestOf<K extends MessageName> = Protocol[K]['request'];
export type ResponseOf<K extends MessageName> = Protocol[K]['response'];

export interface Envelope<K extends MessageName = MessageName> {
  channel: 'instant-desk';
  name: K;
  request: RequestOf<K>;
}

export type Handlers = { [K in MessageName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> };

// Every name once, checked against the protocol by the type: a missing or extra key fails to compile.
const NAMES: Record<MessageName, true> = {
  'catalog.refresh': true,
  'form.fields': true,
  'context.capture': true,
  'request.submit': true,
  'outbox.list': true,
  'outbox.retry': true,
  'outbox.cancel': true,
  'desk.test': true,
  'desk.save': true,
  'desk.oauth': true,
  'desk.remove': true,
  'desk.list': true,
  'requests.sync': true,
  'requests.watching': true,
  'requests.seen': true,
  'requests.conversation': true,
  'requests.reply': true,
  'requests.nudge': true,
  'requests.nudges': true,
  'ratings.prompts': true,
  'ratings.send': true,
  'ratings.dismiss': true,
  'ratings.retry': true,
  'ratings.discard': true,
  'prefs.get': true,
  'prefs.set': true,
};

export const MESSAGE_NAMES = Object.keys(NAMES) as readonly MessageName[];

export function isEnvelope(value: unknown): value is Envelope {
  const v = value as Envelope | null;
  return typeof v === 'object' && v !== null && v.channel === 'instant-desk' && MESSAGE_NAMES.includes(v.name);
}

export type Send = (message: Envelope) => Promise<unknown>;

export interface Client {
  call<K extends MessageName>(name: K, request: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
}

/** The pages' side: every call resolves to a Result, even when the background is gone. */
export function createClient(send: Send): Client {
  return {
    async call(name, request) {
      try {
        const answer = (await send({ channel: 'instant-desk', name, request })) as Result<never> | undefined;
        if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
        return { ok: false, error: deskError('server', { detail: 'no answer from the background' }) };
      } catch (err) {
        return { ok: false, error: deskError('server', { detail: err instanceof Error ? err.message : String(err) }) };
      }
    },
  };
}
