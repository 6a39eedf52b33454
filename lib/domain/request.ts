// Requests: what is filed, what the desk stored, and how it goes on afterwards.
import type { DeskUser } from './desk';

export type FieldValue = string | string[];

export interface Attachment {
  name: string;
  type: string;
  /** base64, no data: prefix */
  data: string;
}

/** What the desk is asked to create, already validated and rendered to text. */
export interface NewRequest {
  /** The outbox's id for this request, stamped by the adapter its own way so a retry can find it. */
  clientId: string;
  /** The department it was filed from (display, and RT's queue). */
  departmentId: string;
  /** The form's opaque id. */
  formId: string;
  subject: string;
  body: string;
  fields: Record<string, FieldValue>;
  attachments: Attachment[];
  requester: DeskUser;
}

export interface TicketRef {
  deskId: string;
  id: string;
  key: string;
  url: string;
}

/** What the desk stored, read back to confirm a submission landed whole. */
export interface StoredRequest {
  subject: string;
  /** Field id → the values stored, as the desk takes them (option values, not labels). */
  fields: Record<string, string[]>;
  /** The desk's user ids of the requesters. */
  requesters: string[];
  /** Names of the files stored with it. */
  attachments?: string[];
}

export type StatusCategory = 'open' | 'waiting' | 'done';

/** One of the user's requests as the desk lists it: cheap to fetch for all of them at once. */
export interface TicketSummary {
  ref: TicketRef;
  subject: string;
  departmentId: string;
  /** The form it was filed with, when the desk says (a department can then be found through it). */
  formId?: string;
  status: string;
  category: StatusCategory;
  /** ISO time of the last change the user can see (UTC). */
  updated: string;
  /** ISO time it was filed (UTC), when the desk lists it: the start of the department's clock. */
  created?: string;
  /** ISO time the desk itself gives the requester as due (UTC; RT's Due), when set. */
  due?: string;
  /** Changes whenever anything the user can see changed; opaque, compared for equality only. */
  version?: string;
}

/**
 * Each request once, in the copy with its latest change: a listing read in pages (or twice) by
 * latest change may hold a request twice when it changed between two reads.
 */
export function latestCopies<T extends Pick<TicketSummary, 'ref' | 'updated'>>(list: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const r of list) {
    const kept = byId.get(r.ref.id);
    if (!kept || r.updated >= kept.updated) byId.set(r.ref.id, r);
  }
  return [...byId.values()];
}

/** What happened on one request lately, read only for requests that changed. */
export interface Activity {
  /** Opaque: the newest event the user can see. */
  lastTxnId?: string;
  lastStaffReply?: { id: string; at: string; author: string; excerpt: string };
}

export interface Message {
  id: string;
  at: string;
  author: string;
  mine: boolean;
  text: string;
  attachments: { name: string; type: string }[];
}
