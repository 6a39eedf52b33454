// The domain vocabulary shared by every desk (see DESIGN.md): adapters map their wire
// formats to these types and nothing above lib/desks sees a vendor's shapes.
import type { DeskError } from '../http/errors';

export type DeskKind = 'rt';

export type DeskAuth = { mode: 'token'; token: string } | { mode: 'session' };

export interface DeskConfig {
  id: string;
  kind: DeskKind;
  name: string;
  baseUrl: string;
  auth: DeskAuth;
  /** The requester's address at the desk, when the desk cannot tell it from the credentials. */
  email?: string;
  /** Who the credentials belong to, learnt once when the desk is saved. */
  user?: DeskUser;
  /** How long to wait for the desk's answer; slow desks behind a VPN need more. */
  timeoutMs?: number;
}

export interface DeskUser {
  id: string;
  name: string;
  email: string;
  displayName: string;
  /** Desk staff see the agent interface; requesters see the self-service portal. */
  staff: boolean;
}

export interface Department {
  deskId: string;
  id: string;
  name: string;
  description: string;
  /** The desk's own page for this department, when it has one (RT: self-service "new ticket"). */
  portalUrl?: string;
}

export type FieldKind = 'text' | 'textarea' | 'select' | 'multiselect' | 'date' | 'datetime';

export interface FieldSpec {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: string[];
  /** A JavaScript regular expression the value must match, when the desk has one we can run. */
  pattern?: string;
  /** Human words for the pattern, from the desk (RT's `(?#...)` comment). */
  patternHint?: string;
  hint?: string;
  description?: string;
  default?: string;
}

export interface RequestForm {
  deskId: string;
  departmentId: string;
  id: string;
  name: string;
  description: string;
  fields: FieldSpec[];
}

export interface Catalog {
  departments: Department[];
  forms: RequestForm[];
  fetchedAt: number;
}

export type FieldValue = string | string[];

/** What the desk is asked to create, already validated and rendered to text. */
export interface NewRequest {
  /** The outbox's id for this request, written into it so a retry can find it. */
  clientId: string;
  departmentId: string;
  formId: string;
  subject: string;
  body: string;
  fields: Record<string, FieldValue>;
  attachments: Attachment[];
  requester: DeskUser;
}

export interface Attachment {
  name: string;
  type: string;
  /** base64, no data: prefix */
  data: string;
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
  departmentId: string;
  fields: Record<string, string[]>;
  /** User names or addresses of the requesters, as the desk reports them. */
  requesters: string[];
}

export type StatusCategory = 'open' | 'waiting' | 'done';

/** One of the user's requests as the desk lists it: cheap to fetch for all of them at once. */
export interface TicketSummary {
  ref: TicketRef;
  subject: string;
  departmentId: string;
  status: string;
  category: StatusCategory;
  /** ISO time of the last change the user can see. */
  updated: string;
}

/** What happened on one request lately, read only for requests that changed. */
export interface Activity {
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

export interface DeskAdapter {
  readonly kind: DeskKind;
  whoAmI(): Promise<DeskUser>;
  listDepartments(): Promise<Department[]>;
  listForms(department: Department): Promise<RequestForm[]>;
  createRequest(request: NewRequest): Promise<TicketRef>;
  readRequest(ref: TicketRef): Promise<StoredRequest>;
  /** A request this user filed recently carrying `clientId`: what an interrupted attempt left. */
  findRequest(request: NewRequest, since: number): Promise<TicketRef | undefined>;
  /**
   * The user's requests changed after `since` (the desk's own time), plus every open one when
   * `includeOpen`: one query either way.
   */
  listMyRequests(query: { since?: string; includeOpen: boolean }): Promise<TicketSummary[]>;
  /** Latest activity; the text of the newest staff reply is read only when it is newer than `knownTxnId`. */
  recentActivity(ref: TicketRef, knownTxnId?: string): Promise<Activity>;
  /** The public conversation, oldest first: never internal notes. */
  conversation(ref: TicketRef): Promise<Message[]>;
  reply(ref: TicketRef, text: string, attachments: Attachment[]): Promise<void>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };
