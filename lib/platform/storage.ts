// All extension storage, declared once with defaults. Local only: desk tokens live here and
// must never reach sync storage.
import { storage } from 'wxt/utils/storage';
import type { Catalog, DeskConfig } from '../desks/types';
import type { Draft } from '../requests/draft';

export const desksItem = storage.defineItem<DeskConfig[]>('local:desks', { fallback: [], version: 1 });
export const catalogItem = storage.defineItem<Catalog | null>('local:catalog', { fallback: null, version: 1 });
export const draftItem = storage.defineItem<Draft | null>('local:draft', { fallback: null, version: 1 });
