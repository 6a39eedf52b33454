// All extension storage, declared once with defaults. Local only: desk tokens live here and
// must never reach sync storage.
import { storage } from 'wxt/utils/storage';
import type { Catalog, DeskConfig } from '../desks/types';
import { DEFAULT_PREFERENCES, type Preferences, type SyncState } from '../settings/preferences';
import type { Draft } from '../requests/draft';
import type { PageContext } from '../capture/context';
import type { Snapshot } from '../tracking/snapshot';
import type { Report } from '../report/build';
import type { Submission } from '../requests/outbox';

export const desksItem = storage.defineItem<DeskConfig[]>('local:desks', { fallback: [], version: 1 });
export const catalogItem = storage.defineItem<Catalog | null>('local:catalog', { fallback: null, version: 1 });
export const draftItem = storage.defineItem<Draft | null>('local:draft', { fallback: null, version: 1 });
/** The page context of the draft (with its screenshot), written only when it changes, not per keystroke. */
export const draftContextItem = storage.defineItem<PageContext | null>('local:draftContext', { fallback: null, version: 1 });

export const preferencesItem = storage.defineItem<Preferences>('local:preferences', { fallback: DEFAULT_PREFERENCES, version: 1 });

export const snapshotItem = storage.defineItem<Snapshot | null>('local:requests', { fallback: null, version: 1 });

export const syncStateItem = storage.defineItem<SyncState>('local:syncState', { fallback: { failures: 0 }, version: 1 });

/** A right-click report waiting for its window to open. */
export const reportItem = storage.defineItem<Report | null>('local:report', { fallback: null, version: 1 });

/** Requests pressed Send on and not yet confirmed by the desk. */
export const outboxItem = storage.defineItem<Submission[]>('local:outbox', { fallback: [], version: 1 });
