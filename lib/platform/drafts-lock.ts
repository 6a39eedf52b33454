// Read-change-write of the rating drafts, one at a time across every page of the extension:
// the toolbar popup and the tab a notification's "Rate" opens each change their own request's
// draft without writing over the other's. Web Locks are shared by pages of one origin; where
// there are none (tests in Node), one chain per page stands in.
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

/** The drafts as stored now, changed by `change` while no other page changes them. */
export function changeRatingDrafts(change: (drafts: Drafts) => Drafts): Promise<void> {
  return locked('instant-desk:ratingDrafts', async () => ratingDraftsItem.setValue(change({ ...(await ratingDraftsItem.getValue()) })));
}
