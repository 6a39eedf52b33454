// The popup store's shape, its dependencies, and what its slices share. Each slice
// (navigation, catalog, drafts, context, submit, report) owns one concern's state and actions;
// stores/popup.ts composes them into one store, the one the popup uses.
import type { StoreApi } from 'zustand/vanilla';
import type { ContextItem, PageContext } from '@/lib/capture/context';
import type { Attachment, Catalog, DeskError, FieldSpec, FieldValue, RequestForm } from '@/lib/domain';
import type { History } from '@/lib/catalog/rank';
import type { Routing, UserRouting } from '@/lib/catalog/routing';
import type { ProposedFrom } from '@/lib/capture/fill';
import type { CatalogConfig, Layered } from '@/lib/settings/policy';
import type { Client } from '@/lib/messaging/protocol';
import type { Draft, Drafts, SaveResult } from '@/lib/requests/draft';
import type { SubmitResult } from '@/lib/requests/outbox';
import type { SubmitOutcome } from '@/lib/requests/submit';
import type { Report } from '@/lib/report/build';
import type { FieldProblem } from '@/lib/requests/validate';

export interface PopupDeps {
  client: Client;
  readCatalog: () => Promise<Catalog | null>;
  /** One draft per form and page, each with its page context (selection, screenshot, edits). */
  drafts: Drafts;
  /** The configuration in effect (policy, options, defaults): cards, keywords, rules. */
  readSettings?: () => Promise<Layered>;
  /** The user's own choices, for "recent" and "frequent". */
  readHistory?: () => Promise<History>;
  writeHistory?: (history: History) => Promise<void>;
  /** The address of the page the popup is about, read without touching the network. */
  pageUrl?: () => Promise<string | undefined>;
  tabId?: number;
  now: () => number;
  /** Names each Send (a UUID unless given). */
  newId?: () => string;
  /** "My requests" first, when a summary notification opened the popup page for it. */
  initialTab?: 'new' | 'requests';
  /** Opened for a right-click report: its draft and the context captured at the click. */
  readReport?: () => Promise<Report | null>;
  clearReport?: () => Promise<void>;
  /** Routing from plain words: the vocabulary and stemmers, loaded after the first frame. */
  loadRouting?: () => Promise<Routing>;
  /** The user's own routing model, learned from the requests they filed (this computer only). */
  readUserRouting?: () => Promise<UserRouting | null>;
  writeUserRouting?: (user: UserRouting) => Promise<void>;
  /** Keeps the sentence typed on the home screen ('' forgets it): a popup closed mid-sentence gives it back. */
  keepTyped?: (text: string) => void;
}

export type View = 'home' | 'form' | 'sent';
export type SyncState = 'idle' | 'syncing' | 'error';

/** navigation.ts */
export interface NavigationSlice {
  tab: 'new' | 'requests';
  view: View;
  setTab(tab: NavigationSlice['tab']): void;
  back(): void;
  fileAnother(): void;
}

/** catalog.ts: the departments and forms, their configuration, the user's history, search. */
export interface CatalogSlice {
  ready: boolean;
  configured: boolean | undefined;
  catalog: Catalog | null;
  /** The catalog configuration in effect. */
  config: CatalogConfig;
  history: History;
  sync: SyncState;
  syncError?: DeskError;
  query: string;
  refresh(): Promise<void>;
  setQuery(query: string): void;
}

/** routing.ts: routing from plain words, once loaded, and the user's own model. */
export interface RoutingSlice {
  router: Routing | null;
  userRouting?: UserRouting;
  /** Loads the vocabulary and the user's model (after the first frame); once. */
  loadRouting(): Promise<void>;
}

/** drafts.ts: the open draft, the unfinished ones, and the fields of the forms opened. */
export interface DraftsSlice {
  draft: Draft | null;
  draftSavedAt?: number;
  /** 'full': the last draft write found no room on this computer (the text stays in the popup). */
  draftError?: 'full';
  /** Unfinished drafts, newest first (other forms and other pages included). */
  drafts: Draft[];
  /** Fields of the forms opened in this popup, by form key (loaded when a form is opened). */
  fields: Record<string, FieldSpec[]>;
  fieldsError?: DeskError;
  /**
   * Values put in the open draft for the person to check: the subject, the description and
   * field ids, each with where it came from. A value the person changes is theirs.
   */
  proposed: Record<string, ProposedFrom>;
  /** The sentence typed before the open draft's form was chosen (it teaches routing once filed). */
  typed?: string;
  /**
   * Opens a form: its draft for this page, or a new one with these values (by field label or
   * id) filled in; `typed`, the sentence typed to find it, becomes its description, proposes a
   * subject and the values it states.
   */
  open(form: RequestForm, values?: Record<string, string>, departmentId?: string, typed?: string): void;
  /** Continues an unfinished draft, with the page context kept with it. */
  resume(draft: Draft): Promise<void>;
  edit(patch: Partial<Pick<Draft, 'subject' | 'description'>>): void;
  setField(id: string, value: FieldValue): void;
  toggleContext(item: ContextItem): void;
  /** Reads the open draft's form fields again, after a read that failed. */
  retryFields(): void;
}

/** context.ts: what was captured from the page, and what goes with the open draft. */
export interface ContextSlice {
  /** The page the popup is about, as a draft key part. */
  page: string;
  /** What was captured from that page; a new draft starts from it. */
  pageContext: PageContext | null;
  /** The context of the open draft: the page's, or the one kept with a restored draft. */
  context: PageContext | null;
  /**
   * The draft whose kept context is being read: a capture arriving meanwhile must not replace
   * it. Set by drafts.ts when it opens a kept draft, cleared when the read is done or another
   * draft is shown.
   */
  contextLoading?: string;
  /** A picked file that was too large to attach. */
  tooLarge?: string;
  setScreenshot(dataUrl: string): void;
  /** Adds a file the user picked; one that would take the request over the limit is refused by name. */
  attach(file: Attachment | undefined, name: string): void;
  detach(index: number): void;
}

/** submit.ts: validation, sending, and the outbox's answer. */
export interface SubmitSlice {
  problems: FieldProblem[];
  submitting: boolean;
  /** The queued request is being taken back: the desk is asked first whether it filed it. */
  cancelling: boolean;
  submitError?: DeskError;
  outcome?: SubmitOutcome;
  /** Kept in the outbox, not yet confirmed by the desk. */
  queued?: Extract<SubmitResult, { status: 'queued' }> & { departmentName: string };
  submit(): Promise<void>;
  /** Try now; on a request filed meanwhile, where it went. */
  retryQueued(): Promise<void>;
  /** A request taken back from the outbox, to edit and send again. */
  restore(input: { draft: Draft; context: PageContext }): void;
  /** Cancel and edit: back to the form, or where it went when filed meanwhile, or why not now. */
  cancelQueued(): Promise<void>;
}

/** report.ts: a popup opened for a right-click report. */
export interface ReportSlice {
  /** This popup is a report: the subject is proposed, the user writes one sentence. */
  report: boolean;
}

export interface PopupState
  extends Omit<NavigationSlice, 'setTab' | 'back' | 'fileAnother'>,
    Omit<CatalogSlice, 'refresh' | 'setQuery'>,
    Omit<RoutingSlice, 'loadRouting'>,
    Omit<DraftsSlice, 'open' | 'resume' | 'edit' | 'setField' | 'toggleContext' | 'retryFields'>,
    Omit<ContextSlice, 'setScreenshot' | 'attach' | 'detach'>,
    Omit<SubmitSlice, 'submit' | 'retryQueued' | 'restore' | 'cancelQueued'>,
    ReportSlice {}

export interface PopupActions
  extends Pick<NavigationSlice, 'setTab' | 'back' | 'fileAnother'>,
    Pick<CatalogSlice, 'refresh' | 'setQuery'>,
    Pick<RoutingSlice, 'loadRouting'>,
    Pick<DraftsSlice, 'open' | 'resume' | 'edit' | 'setField' | 'toggleContext' | 'retryFields'>,
    Pick<ContextSlice, 'setScreenshot' | 'attach' | 'detach'>,
    Pick<SubmitSlice, 'submit' | 'retryQueued' | 'restore' | 'cancelQueued'> {
  start(): Promise<void>;
}

export type Popup = PopupState & PopupActions;
export type SetPopup = StoreApi<Popup>['setState'];
export type GetPopup = StoreApi<Popup>['getState'];

/**
 * What one slice does for another, beyond the public actions: filled in by the slice that
 * owns each step when the store is created, called only after (by actions).
 */
export interface Steps {
  /** drafts.ts: shows a draft; with `persist`, writes it at once (it came with content). */
  show(draft: Draft | null, options?: { persist?: boolean }): void;
  /** drafts.ts: writes the draft (and, the first time, its context); `announce` shows "Draft saved". */
  persist(draft: Draft, announce: boolean): void;
  /** drafts.ts: what a write of the draft's text or context answered: 'full' shows "Not saved". */
  noteRoom(part: 'text' | 'context', result: SaveResult): void;
  /** drafts.ts: whether this draft has been written (a form merely opened has not). */
  isStored(draft: Draft): boolean;
  /** drafts.ts: forgets the draft, in the popup and in storage; closes it if it is the one open. */
  discard(draft: Draft | null): void;
  /** drafts.ts: the drafts read at start-up that are known to be written. */
  markStored(drafts: Draft[]): void;
  /** drafts.ts: opens a draft with the context kept with it, or the page's. */
  openDraft(draft: Draft): Promise<void>;
  /** drafts.ts: the form's fields from the background; `named` values fill a new draft. */
  loadFields(ref: { deskId: string; formId: string }, named?: Record<string, string>): Promise<void>;
  /** drafts.ts: resolves once the form's fields being read now are in (and proposed from); at once when none is being read. */
  fieldsLoaded(ref: { deskId: string; formId: string }): Promise<void>;
  /** drafts.ts: fills the open new draft's empty, untouched fields from the sentence and the page, marked as proposed. */
  propose(): void;
  /** drafts.ts: the draft just shown takes proposals too (a report's, opened with its page). */
  proposeFor(draft: Draft): void;
  /** routing.ts: a request filed from a typed sentence teaches the user's model. */
  learn(sentence: string, formKey: string): void;
  /** context.ts: sets the open draft's context, and keeps it with the draft once it is written. */
  saveContext(context: PageContext | null): void;
  /** context.ts: captures the page; the open draft for it takes the capture if it has none. */
  capture(page: string): void;
  /** report.ts: opens the report's draft (its form is in the catalog), with what start-up read (`base`). */
  openReport(report: Report, base: Partial<PopupState>): void;
  /** report.ts: the report was filed or queued: it is not offered again. */
  reportSent(): void;
  /** popup.ts: resolves once the state satisfies `ready` (at once if it does now). */
  until(ready: (state: Popup) => boolean): Promise<void>;
  /** submit.ts: the person left the form (Back): a send still waiting for its fields or capture is dropped. */
  leftForm(): void;
}

export type Slice<T> = (set: SetPopup, get: GetPopup, deps: PopupDeps, steps: Steps) => T;

export const NO_CONTEXT: PageContext = { redactions: 0, gaps: ['page', 'screenshot'] };
