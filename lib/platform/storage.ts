// All extension storage, declared once with defaults. Local only: desk tokens live here and
// must never reach sync storage.
import { storage } from 'wxt/utils/storage';
import { readManaged } from './managed';
import type { Catalog, DeskConfig } from '../domain';
import { DEFAULT_PREFERENCES, type Preferences, type SyncState } from '../settings/preferences';
import type { Draft, DraftShelf, ReplyDraft, ReplyShelf } from '../requests/draft';
import type { BlobOwners } from '../requests/blobs';
import type { PageContext } from '../capture/context';
import type { Snapshot } from '../tracking/snapshot';
import type { RatingDraft, RatingOffer, RatingSubmission } from '../requests/rating';
import type { Report } from '../report/build';
import type { Landed, Submission } from '../requests/outbox';
import type { Nudge } from '../requests/nudge';
import type { History } from '../catalog/rank';
import type { FieldCache } from '../catalog/fields';
import type { UserRouting } from '../catalog/routing/types';
import { layer, type Layered } from '../settings/policy';
import { blobStore } from './blobs';

export const desksItem = storage.defineItem<DeskConfig[]>('local:desks', { fallback: [], version: 1 });
// Version 2: forms carry `departmentIds` and load their fields lazily; a version-1 catalog is re-read.
export const catalogItem = storage.defineItem<Catalog | null>('local:catalog', { fallback: null, version: 2, migrations: { 2: () => null } });
/** Fields of the forms opened lately (see lib/catalog/fields.ts). */
export const fieldsItem = storage.defineItem<FieldCache>('local:formFields', { fallback: {} });
/** Unfinished drafts by form and page (small: text and field values). */
export const draftsItem = storage.defineItem<Record<string, Draft>>('local:drafts', { fallback: {} });

/**
 * Each draft's page context under its own key, written when it changes, not per keystroke; its
 * screenshot and files in IndexedDB (`blobs`, see lib/requests/blobs.ts), so the key stays small.
 */
export const draftShelf: DraftShelf = {
  blobs: blobStore,
  readAll: () => draftsItem.getValue(),
  writeAll: (drafts) => draftsItem.setValue(drafts),
  readContext: (key) => storage.getItem<PageContext>(`local:draftContext:${key}`),
  writeContext: (key, context) =>
    context ? storage.setItem(`local:draftContext:${key}`, context) : storage.removeItem(`local:draftContext:${key}`),
};

export const preferencesItem = storage.defineItem<Preferences>('local:preferences', { fallback: DEFAULT_PREFERENCES, version: 1 });

export const snapshotItem = storage.defineItem<Snapshot | null>('local:requests', { fallback: null, version: 1 });

export const syncStateItem = storage.defineItem<SyncState>('local:syncState', { fallback: { failures: 0 }, version: 1 });
/** "How did we do?" per request (`deskId/id`): offered, dismissed or sent, so each is asked once. */
export const ratingOffersItem = storage.defineItem<Record<string, RatingOffer>>('local:ratingOffers', { fallback: {}, version: 1 });

/** Ratings pressed Send on and not yet at the desk. */
export const ratingOutboxItem = storage.defineItem<RatingSubmission[]>('local:ratingOutbox', { fallback: [], version: 1 });

/** Stars and comments being given in My requests, as typed, by request. */
export const ratingDraftsItem = storage.defineItem<Record<string, RatingDraft>>('local:ratingDrafts', { fallback: {} });


/** A right-click report waiting for its window to open. */
export const reportItem = storage.defineItem<Report | null>('local:report', { fallback: null, version: 1 });

/** Requests pressed Send on and not yet confirmed by the desk. */
export const outboxItem = storage.defineItem<Submission[]>('local:outbox', { fallback: [], version: 1 });

/** The outbox's last filings, for a popup still showing one as waiting: the browser's session storage, so a worker started again knows them. */
export const landedItem = storage.defineItem<Landed>('session:outboxLanded', { fallback: [] });

/** "Ask for an update" per request: waiting to be posted, or posted and when it may be asked again. */
export const nudgesItem = storage.defineItem<Record<string, Nudge>>('local:nudges', { fallback: {}, version: 1 });

/** Replies being written, one per request, each under its own key; an attachment in IndexedDB (`blobs`). */
export const replyShelf: ReplyShelf = {
  blobs: blobStore,
  read: (key) => storage.getItem<ReplyDraft>(`local:replyDraft:${key}`),
  write: (key, draft) => (draft ? storage.setItem(`local:replyDraft:${key}`, draft) : storage.removeItem(`local:replyDraft:${key}`)),
};

/**
 * Every record that may name a blob (lib/requests/blobs.ts sweepBlobs), in one storage read: the
 * draft contexts and reply drafts under their prefixes, the outbox under its key (`outboxItem`).
 */
export async function blobOwners(): Promise<BlobOwners> {
  const all = await storage.snapshot('local');
  const under = <T>(prefix: string) => Object.entries(all).flatMap(([key, value]) => (key.startsWith(prefix) && value ? [value as T] : []));
  return { contexts: under<PageContext>('draftContext:'), replies: under<ReplyDraft>('replyDraft:'), outbox: (all.outbox as Submission[] | undefined) ?? [] };
}

/** The catalog configuration the user typed in the options page (JSON text, kept as typed). */
export const userConfigItem = storage.defineItem<string>('local:catalogConfig', { fallback: '' });

/** The user's own choices of forms, for "recent" and "frequent". */
export const historyItem = storage.defineItem<History>('local:history', { fallback: {} });

/** The user's own routing model: typed words → forms they filed with them; small (capped in lib/catalog/routing), never sent. */
export const userRoutingItem = storage.defineItem<UserRouting | null>('local:userRouting', { fallback: null });

export { readManaged };

function parsed(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The configuration in effect: managed > user > default, key by key. */
export async function readSettings(): Promise<Layered> {
  const [managed, user] = await Promise.all([readManaged(), userConfigItem.getValue()]);
  return layer(managed, parsed(user));
}
