// The contract every desk adapter keeps (RT, JSM, Zendesk, …). Adapters map their wire formats
// to the domain vocabulary (lib/domain); nothing above lib/desks sees a vendor's shapes.
import type {
  Activity,
  Attachment,
  Department,
  DeskAuth,
  DeskKind,
  DeskUser,
  FieldSpec,
  Message,
  NewRequest,
  Rating,
  RatingWay,
  RequestForm,
  StoredRequest,
  TicketRef,
  TicketSummary,
} from '../domain';
import type { HttpDeps } from '../http/client';

/** What an adapter is given: HTTP, and where to keep credentials the desk renewed (OAuth refresh). */
export interface AdapterDeps extends HttpDeps {
  onAuth?: (auth: DeskAuth) => void | Promise<void>;
}

/** Departments and form headers (names, descriptions, groups): the cheap part of a catalog. */
export interface DeskCatalog {
  departments: Department[];
  forms: RequestForm[];
}

export interface Created {
  ref: TicketRef;
  /** Files the desk did not take although the request was filed: retried from the outbox. */
  pendingAttachments: Attachment[];
}

export interface MyRequests {
  requests: TicketSummary[];
  /**
   * The newest update time listed (ISO 8601, as `TicketSummary.updated`), else the cursor asked
   * with: handed back on the next call so the desk is asked only for what changed.
   */
  cursor?: string;
}

export interface DeskAdapter {
  readonly kind: DeskKind;
  whoAmI(): Promise<DeskUser>;
  listCatalog(): Promise<DeskCatalog>;
  /** One form's fields: read when the form is first opened, and again before every submit. */
  formFields(formId: string): Promise<FieldSpec[]>;
  /** Files the request, stamped with `clientId` the adapter's own way, and its attachments where it can. */
  createRequest(request: NewRequest): Promise<Created>;
  /** Adds files to a request already filed (what `createRequest` left pending). */
  attach(ref: TicketRef, files: Attachment[]): Promise<void>;
  readRequest(ref: TicketRef): Promise<StoredRequest>;
  /**
   * A request this user filed carrying `request.clientId`: what an interrupted attempt left.
   * `since` is when the outbox first tried (this computer's clock, which may be wrong).
   */
  findRequest(request: NewRequest, since: number): Promise<TicketRef | undefined>;
  /**
   * The user's requests changed after `cursor` (an ISO 8601 time: the last listing's cursor, or a
   * first look's horizon), plus every open one when `includeOpen`; done ones not changed after
   * the cursor are left out (RT's, as its times have whole seconds, from one second before it).
   * The tracker always gives a cursor; without one each desk lists at least every open request.
   */
  listMyRequests(query: { cursor?: string; includeOpen: boolean }): Promise<MyRequests>;
  /**
   * One request as `listMyRequests` lists it; undefined when the desk says it is not there or not
   * the user's (not found, forbidden). For a desk whose open listing may leave out a request that
   * is still open (JSM's portal filter goes by the Resolution field, not the status): a full look
   * asks before it takes such a request for gone.
   */
  summaryOf?(ref: TicketRef): Promise<TicketSummary | undefined>;
  /** Latest activity; the text of the newest staff reply is read only when it is not `known`. */
  recentActivity(ref: TicketRef, known?: string): Promise<Activity>;
  /** The public conversation, oldest first: never internal notes. */
  conversation(ref: TicketRef): Promise<Message[]>;
  reply(ref: TicketRef, text: string, attachments: Attachment[]): Promise<void>;
  /**
   * "How did we do?", the desk's own way (JSM feedback, Zendesk satisfaction, RT as `way` says).
   * Present only where the desk takes a rating from its requester.
   */
  rate?(ref: TicketRef, rating: Rating, way: RatingWay): Promise<void>;
  /**
   * Whether the desk already holds this rating (a retry after a lost answer looks first): true or
   * false where the requester can read it back; undefined where not, and `rate` is then safe to
   * repeat (it sets the same rating again).
   */
  findRating?(ref: TicketRef, rating: Rating, way: RatingWay): Promise<boolean | undefined>;
}
