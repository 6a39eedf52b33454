// The administrator's policy (Chrome managed storage, Firefox policies.json), asked for once
// per page or worker and kept until the browser says it changed. Every popup open used to ask
// again, from the background too (settings behind preferences, routing, capture); Chromium
// leaves some of those asks unanswered for good, and each kept the work waiting on it alive
// in the worker (bench/memory.mjs measured it). Now one ask is in flight at a time, and no
// caller waits on it longer than MANAGED_WAIT_MS.
import { browser } from 'wxt/browser';

/** Longer than Chromium's policy service takes after a worker start (about 2.3 s measured here). */
export const MANAGED_WAIT_MS = 5000;

type Policy = Record<string, unknown> | undefined;

let known: { policy: Policy } | undefined;
let asking: Promise<void> | undefined;
let watching = false;

function ask(): Promise<void> {
  asking ??= browser.storage.managed
    .get(null)
    .then(
      (all) => void (known = { policy: Object.keys(all).length > 0 ? all : undefined }),
      () => void (known = { policy: undefined }), // no policy installed (Firefox throws), or no managed storage at all
    )
    .finally(() => (asking = undefined));
  return asking;
}

/** The policy in effect; none → undefined (also when the browser has not answered within MANAGED_WAIT_MS). */
export async function readManaged(wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))): Promise<Policy> {
  if (!watching) {
    watching = true;
    browser.storage.onChanged.addListener((_, area) => {
      if (area === 'managed') known = undefined;
    });
  }
  if (known) return known.policy;
  await Promise.race([ask(), wait(MANAGED_WAIT_MS)]);
  return (known as { policy: Policy } | undefined)?.policy;
}

/** Forgets what was read (tests). */
export function forgetManaged(): void {
  known = undefined;
  asking = undefined;
}
