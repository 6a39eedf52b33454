// Request Tracker wire ↔ domain. Pure functions: queues are departments, each with one request
// form whose fields are the custom fields applied to the queue.
import type { Activity, Attachment, Department, DeskUser, FieldKind, FieldSpec, Message, NewRequest, RequestForm, StatusCategory, StoredRequest, TicketSummary } from '../../domain';
import type { RtAttachmentItem, RtCorrespond, RtCreateTicket, RtCustomField, RtCustomFieldItem, RtQueueItem, RtTicket, RtTicketItem, RtTransaction, RtUser } from './wire';

const TICKET_FIELDS = 'RT::Queue-RT::Ticket';
/** RT's generic entry hints say nothing a label does not. */
const GENERIC_HINTS = new Set(['Select one value', 'Select multiple values', 'Enter one value', 'Enter multiple values', 'Upload one file', 'Upload multiple files', 'Upload one image', 'Upload multiple images', 'Enter one value with autocompletion', 'Enter multiple values with autocompletion', 'Select date', 'Select datetime', 'Enter one IP address', 'Enter multiple IP addresses', 'Enter one IP address range', 'Enter multiple IP address ranges']);

export function toDepartment(deskId: string, queue: RtQueueItem, baseUrl?: string): Department {
  const department: Department = { deskId, id: String(queue.id), name: queue.Name, description: queue.Description?.trim() ?? '' };
  // Requesters (unprivileged users) file and follow tickets in RT's self-service pages.
  return baseUrl ? { ...department, portalUrl: `${baseUrl}/SelfService/Create.html?Queue=${encodeURIComponent(queue.id)}` } : department;
}

export function toUser(user: RtUser): DeskUser {
  return {
    id: String(user.id),
    name: user.Name,
    email: user.EmailAddress ?? '',
    displayName: user.RealName || user.Name,
    staff: String(user.Privileged ?? '0') === '1',
  };
}

/** RT patterns are Perl: `(?#Mandatory).` carries its human name in a comment. */
export function convertPattern(perl: string | undefined): { pattern?: string; hint?: string; required: boolean } {
  if (!perl) return { required: false };
  const hint = /\(\?#([^)]*)\)/.exec(perl)?.[1]?.trim();
  const source = perl.replace(/\(\?#[^)]*\)/g, '').replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch {
    // A Perl-only construct: the desk still checks it, and we re-read what it kept.
    return { hint, required: /mandatory/i.test(hint ?? '') };
  }
  return { pattern: source, hint, required: !re.test('') };
}

function fieldKind(cf: Pick<RtCustomFieldItem, 'Type' | 'MaxValues'>): FieldKind | undefined {
  const single = Number(cf.MaxValues) === 1;
  switch (cf.Type) {
    case 'Select':
      return single ? 'select' : 'multiselect';
    case 'Freeform':
    case 'Autocomplete':
    case 'IPAddress':
    case 'IPAddressRange':
      return single ? 'text' : 'textarea';
    case 'Text':
    case 'Wikitext':
    case 'HTML':
      return 'textarea';
    case 'Date':
      return 'date';
    case 'DateTime':
      return 'datetime';
    default:
      return undefined; // Binary and Image fields are not offered in the form yet.
  }
}

export function isTicketField(cf: Pick<RtCustomFieldItem, 'LookupType' | 'Disabled'>): boolean {
  return (cf.LookupType ?? TICKET_FIELDS) === TICKET_FIELDS && String(cf.Disabled ?? '0') === '0';
}

export function needsValues(cf: RtCustomFieldItem): boolean {
  return cf.Type === 'Select';
}

export function toFieldSpec(cf: RtCustomField): FieldSpec | undefined {
  const kind = fieldKind(cf);
  if (!kind) return undefined;
  const { pattern, hint, required } = convertPattern(cf.Pattern);
  const entryHint = cf.EntryHint?.trim();
  return {
    id: String(cf.id),
    label: cf.Name,
    kind,
    required,
    ...(cf.Values && (kind === 'select' || kind === 'multiselect') ? { options: cf.Values.map((v) => ({ value: v, label: v })) } : {}),
    ...(pattern ? { pattern } : {}),
    ...(hint && !/^mandatory$/i.test(hint) ? { patternHint: hint } : {}),
    ...(entryHint && !GENERIC_HINTS.has(entryHint) ? { hint: entryHint } : {}),
    ...(cf.Description?.trim() ? { description: cf.Description.trim() } : {}),
  };
}

/** A queue's one form: its id is the queue id, its fields are read when it is opened. */
export function toForm(department: Department): RequestForm {
  return { deskId: department.deskId, id: department.id, departmentIds: [department.id], name: department.name, description: department.description };
}

export function toFields(fields: RtCustomField[]): FieldSpec[] {
  return fields.filter(isTicketField).flatMap((cf) => toFieldSpec(cf) ?? []);
}

export function toCreateTicket(request: NewRequest): RtCreateTicket {
  const body: RtCreateTicket = {
    // The form id is the queue id (the department a form was picked in is only where it was shown).
    Queue: request.formId,
    Subject: request.subject,
    Content: request.body,
    ContentType: 'text/plain',
    // RT does not make the creator a requestor, and without it the creator cannot see the ticket.
    Requestor: request.requester.email || request.requester.name,
    CustomFields: Object.fromEntries(
      Object.entries(request.fields).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '')),
    ),
  };
  if (request.attachments.length > 0) {
    body.Attachments = request.attachments.map((a) => ({ FileName: a.name, FileType: a.type, FileContent: a.data }));
  }
  return body;
}

/** RT links users by name; the requester's own link is given the desk's user id the rest compares. */
export function toStoredRequest(ticket: RtTicket, me: DeskUser): StoredRequest {
  return {
    subject: ticket.Subject,
    fields: Object.fromEntries(ticket.CustomFields.map((cf) => [String(cf.id), cf.values])),
    requesters: ticket.Requestor.map((r) => (String(r.id) === me.name ? me.id : String(r.id))),
  };
}

export function ticketUrl(baseUrl: string, id: string, staff: boolean): string {
  return `${baseUrl}/${staff ? 'Ticket' : 'SelfService'}/Display.html?id=${encodeURIComponent(id)}`;
}

/** RT auth tokens read `1-<user id>-<secret>`: the owner is known without asking. */
export function userIdFromToken(token: string): string | undefined {
  return /^1-(\d+)-[0-9a-f]+$/i.exec(token.trim())?.[1];
}

/** RT's default lifecycle's inactive statuses. */
const DONE = ['resolved', 'rejected', 'deleted'];
/** RT's default lifecycle's statuses, the only ones whose names say whether a request is done. */
const DEFAULT_LIFECYCLE = new Set(['new', 'open', 'stalled', ...DONE]);

/**
 * Statuses of a queue's own lifecycle ("signed", "withdrawn", …): their names do not say whether
 * they are done; the desk is asked (TicketSQL's `__Inactive__`, which follows each queue's lifecycle).
 */
export const isCustomStatus = (status: string | undefined): boolean => Boolean(status) && !DEFAULT_LIFECYCLE.has(status as string);

/**
 * RT's default lifecycle in plain categories; "stalled" is RT's "waiting for the requester". A
 * status of a queue's own lifecycle is done when `inactive` (the desk said so), else open.
 */
export function statusCategory(status: string, inactive = false): StatusCategory {
  if (inactive || DONE.includes(status)) return 'done';
  if (status === 'stalled') return 'waiting';
  return 'open';
}

/** TicketSQL for which of `ids` (my requests) are in an inactive status of their queue's lifecycle. */
export function inactiveAmongQuery(ids: readonly string[]): string {
  return `Requestor.id = '__CurrentUser__' AND Status = '__Inactive__' AND (${ids.map((id) => `id = '${Number(id)}'`).join(' OR ')})`;
}

export function toSummary(deskId: string, baseUrl: string, staff: boolean, item: RtTicketItem, inactive = false): TicketSummary {
  const id = String(item.id);
  return {
    ref: { deskId, id, key: `#${id}`, url: ticketUrl(baseUrl, id, staff) },
    subject: item.Subject,
    departmentId: String(item.Queue.id),
    status: item.Status,
    category: statusCategory(item.Status, inactive),
    updated: item.LastUpdated,
    ...(item.Created ? { created: item.Created } : {}),
    ...(isSet(item.Due) ? { due: item.Due } : {}),
  };
}

/** RT writes an unset date as the epoch. */
const isSet = (date: string | undefined): date is string => Boolean(date && Date.parse(date) > 0);

/**
 * A zone-less time in TicketSQL is read in the requesting user's time zone (their preference,
 * else RT's own), which no REST call tells. So every time we write is moved back by the widest
 * zone offset (UTC+14): whatever zone RT reads it in, it falls at or before the instant meant,
 * and what comes back is filtered by its UTC time (REST 2.0 answers in UTC).
 */
export const ZONE_SLACK_MS = 14 * 60 * 60 * 1000;

/** Epoch ms → RT's 'YYYY-MM-DD HH:MM:SS', early enough to mean "at or before `ms`" in any zone. */
export function rtTimeAtOrBefore(ms: number): string {
  const t = new Date(ms - ZONE_SLACK_MS - 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/** TicketSQL for "my requests": changed since the cursor (a superset, filtered after), and for a full look every open one. */
export function myRequestsQuery(cursor: string | undefined, includeOpen: boolean): string {
  const mine = "Requestor.id = '__CurrentUser__'";
  const since = cursor ? Date.parse(cursor) : NaN;
  const changed = Number.isFinite(since) ? `LastUpdated > '${rtTimeAtOrBefore(since)}'` : undefined;
  if (!includeOpen) return changed ? `${mine} AND ${changed}` : mine;
  return changed ? `${mine} AND (Status = '__Active__' OR ${changed})` : `${mine} AND Status = '__Active__'`;
}

/** RT times have one-second steps: a change in the cursor's own second is listed again. */
export function changedSince(item: Pick<RtTicketItem, 'LastUpdated' | 'Status'>, cursor: string | undefined, includeOpen: boolean, inactive = false): boolean {
  if (!cursor) return true;
  if (includeOpen && statusCategory(item.Status, inactive) !== 'done') return true;
  return Date.parse(item.LastUpdated) >= Date.parse(cursor) - 1000;
}

/** RT links a transaction's creator by user name (unique at the desk), not by the numeric id. */
const isMine = (creator: string, me: DeskUser) => creator === me.name;

export function staffReplyOf(newestFirst: RtTransaction[], me: DeskUser): RtTransaction | undefined {
  return newestFirst.find((t) => t.Type === 'Correspond' && !isMine(String(t.Creator.id), me));
}

/** From the newest transactions: the last one, and the last reply from someone else (staff). */
export function toActivity(newestFirst: RtTransaction[], me: DeskUser, texts: Map<string, string>): Activity {
  const last = newestFirst[0];
  const reply = staffReplyOf(newestFirst, me);
  return {
    ...(last ? { lastTxnId: String(last.id) } : {}),
    ...(reply
      ? {
          lastStaffReply: {
            id: String(reply.id),
            at: reply.Created,
            author: String(reply.Creator.id),
            excerpt: (texts.get(String(reply.id)) ?? '').trim().replace(/\s+/g, ' ').slice(0, 140),
          },
        }
      : {}),
  };
}

export function transactionOf(a: RtAttachmentItem): string {
  return typeof a.TransactionId === 'object' ? String(a.TransactionId.id) : String(a.TransactionId);
}

const PUBLIC = new Set(['Create', 'Correspond']);

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  bull: '•', middot: '·', euro: '€', copy: '©', reg: '®', trade: '™', times: '×',
};

/** The character an HTML entity names (`&amp;`, `&#233;`, `&#x1F600;`), or the entity as written. */
function entity(whole: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/**
 * A message written in RT's rich-text editor (RT 5's default: one text/html part, no text/plain)
 * as plain text: line breaks where the blocks end, the tags dropped, the entities read. Shown as
 * text, never as markup. (A parser library would weigh more in the worker than this message text
 * needs.)
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|tr|h[1-6]|blockquote|pre|ul|ol|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, entity)
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A message's text: its plain part, else its HTML part as text (a reply typed in RT's web editor). */
export function messageText(parts: RtAttachmentItem[]): string {
  const body = (type: string) => parts.find((a) => a.ContentType === type && !a.Filename)?.Content;
  const plain = body('text/plain');
  if (plain !== undefined) return plain;
  const html = body('text/html');
  return html === undefined ? '' : htmlToText(html);
}

/** Public messages only (creation and correspondence), oldest first, with their text and files. */
export function toMessages(transactions: RtTransaction[], attachments: RtAttachmentItem[], me: DeskUser): Message[] {
  return transactions
    .filter((t) => PUBLIC.has(t.Type))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((t) => {
      const parts = attachments.filter((a) => transactionOf(a) === String(t.id));
      const text = messageText(parts);
      return {
        id: String(t.id),
        at: t.Created,
        author: String(t.Creator.id),
        mine: isMine(String(t.Creator.id), me),
        text,
        attachments: parts.filter((a) => a.Filename).map((a) => ({ name: a.Filename as string, type: a.ContentType })),
      };
    });
}

export function toCorrespond(text: string, attachments: Attachment[]): RtCorrespond {
  return {
    Content: text,
    ContentType: 'text/plain',
    ...(attachments.length ? { Attachments: attachments.map((a) => ({ FileName: a.name, FileType: a.type, FileContent: a.data })) } : {}),
  };
}

/** TicketSQL quoting: backslash and single quote escaped. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Candidates for a request an interrupted attempt may have filed: mine, in that queue, created
 * since a day before the first attempt (this computer's clock may be off), newest first. The
 * subject plays no part: staff may edit it, and RT cuts it at 200 bytes.
 */
export const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;

export function recentTwinQuery(request: NewRequest, since: number): string {
  return [
    "Requestor.id = '__CurrentUser__'",
    `Queue = ${sqlString(request.formId)}`,
    `Created > '${rtTimeAtOrBefore(since - CLOCK_SLACK_MS)}'`,
  ].join(' AND ');
}

/** The reference line our request bodies carry (see composeBody). */
export function carriesReference(text: string, clientId: string): boolean {
  return text.includes(clientId);
}
