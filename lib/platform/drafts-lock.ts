// Read-change-write of the drafts, one at a time across every page of the extension: the
// toolbar popup, the report window, the tab a notification's "Rate" opens and the background
// each change their own draft without writing over the other's. Web Locks are shared by the
// pages and the service worker of one origin; where there are none (tests in Node), one chain
// per page stands in.
import { ratingDraftsItem } from './storage';
import type { RatingDraft } from '../requests/rating';

type Drafts = Record<string, RatingDraft>;

let chain: Promise<unknown> = Promise.resolve();

function locked<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (locks) return locks.request(name, fn) as Promise<T>;
  const next = chain.then(fn);
  chain = next.catch(() => undefined);
  return next;
}

/** The request drafts' lock (lib/requests/draft's createDrafts). */
export const draftsLock = <T>(task: () => Promise<T>): Promise<T> => locked('instant-desk:drafts', task);

/** The drafts as stored now, changed by `change` while no other page changes them. */
export function changeRatingDrafts(change: (drafts: Drafts) => Drafts): Promise<void> {
  return locked('instant-desk:ratingDrafts', async () => ratingDraftsItem.setValue(change({ ...(await ratingDraftsItem.getValue()) })));
}
