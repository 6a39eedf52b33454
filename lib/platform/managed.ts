// The administrator's policy (Chrome managed storage, Firefox policies.json), asked for once
// per page or worker and kept until the browser says it changed. Every popup open used to ask
// again, from the background too (settings behind preferences, routing, capture); Chromium
// leaves some of those asks unanswered for good, and each kept the work waiting on it alive
// in the worker (bench/memory.mjs measured it). Now one ask is in flight at a time, and no
// caller waits on it longer than MANAGED_WAIT_MS.
// A browser that never answers no longer leaves the policy ignored: the timed-out ask is let go
// (the next caller asks again), and the policy last read (kept in local storage, so a new worker
// has it too) stands meanwhile.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { sleep } from '../domain';

/** Longer than Chromium's policy service takes after a worker start (about 2.3 s measured here). */
export const MANAGED_WAIT_MS = 5000;

type Policy = Record<string, unknown> | undefined;

/** The policy as last read from the browser: what stands while it does not answer. */
const lastRead = storage.defineItem<{ policy?: Record<string, unknown> } | null>('local:managedPolicy', { fallback: null });

let known: { policy: Policy } | undefined;
let asking: Promise<void> | undefined;
let watching = false;

function ask(): Promise<void> {
  if (asking) return asking;
  const remember = async (policy: Policy) => {
    known = { policy };
    await lastRead.setValue(policy ? { policy } : {}).catch(() => undefined);
  };
  const mine: Promise<void> = browser.storage.managed
    .get(null)
    .then(
      (all) => remember(Object.keys(all).length > 0 ? all : undefined),
      () => remember(undefined), // no policy installed (Firefox throws), or no managed storage at all
    )
    .finally(() => {
      if (asking === mine) asking = undefined;
    });
  asking = mine;
  return mine;
}

/**
 * The policy in effect; none → undefined. When the browser has not answered within
 * MANAGED_WAIT_MS: the policy read last time (undefined only if it was never read).
 */
export async function readManaged(wait = sleep): Promise<Policy> {
  if (!watching) {
    watching = true;
    browser.storage.onChanged.addListener((_, area) => {
      if (area === 'managed') known = undefined;
    });
  }
  if (known) return known.policy;
  const pending = ask();
  const answered = await Promise.race([pending.then(() => true), wait(MANAGED_WAIT_MS).then(() => false)]);
  if (answered && known) return (known as { policy: Policy }).policy;
  // Timed out: let this ask go, so the next caller asks afresh instead of waiting on it again.
  if (asking === pending) asking = undefined;
  return (await lastRead.getValue().catch(() => null))?.policy;
}

/** Forgets what was read (tests). */
export function forgetManaged(): void {
  known = undefined;
  asking = undefined;
}
