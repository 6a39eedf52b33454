// The administrator's policy (Chrome managed storage, Firefox policies.json), asked for once
// per page or worker and kept until the browser says it changed. Every popup open used to ask
// again, from the background too (settings behind preferences, routing, capture); Chromium
// leaves some of those asks unanswered for good, and each kept the work waiting on it alive
// in the worker (bench/memory.mjs measured it). Now one ask is in flight at a time, no caller
// waits on it longer than MANAGED_WAIT_MS nor stays tied to it after, and an ask left
// unanswered is asked again less and less often (some profiles never answer at all).
// The policy last read is kept in local storage (a new worker has it too). Chromium's policy
// service answers nothing for about 3 s after the browser starts (measured here: 2.8-2.9 s on
// every launch, fresh profile or not; other extensions report 3-8 s), and then in a few ms: a
// caller with a policy read before waits only MANAGED_KNOWN_WAIT_MS, and that policy stands
// until the browser answers (the options page showed a spinner for 3 s after each browser
// start). Only the very first read, with nothing to stand in, waits for the browser.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { sleep } from '../domain';

/** Longer than Chromium's policy service takes after the browser starts (about 3 s measured here). */
export const MANAGED_WAIT_MS = 5000;
/** With a policy read before: the browser's moment to answer (a few ms once its policy service is up). */
export const MANAGED_KNOWN_WAIT_MS = 100;

type Policy = Record<string, unknown> | undefined;

/** The policy as last read from the browser: what stands while it does not answer. */
const lastRead = storage.defineItem<{ policy?: Record<string, unknown> } | null>('local:managedPolicy', { fallback: null });

/**
 * With a policy read before to stand in, an ask still unanswered is asked again after
 * MANAGED_WAIT_MS, then after twice as long each time the browser leaves one unanswered, up to
 * this: each ask Chromium never answers is kept with its callbacks in the worker for good
 * (bench/memory-bare.mjs found them piling up). With nothing to stand in, again after MANAGED_WAIT_MS.
 */
export const MANAGED_ASK_AGAIN_MAX_MS = 5 * 60_000;

/** One ask of the browser: who waits on it, each until its own time is up. */
interface Ask {
  at: number;
  settled: boolean;
  waiters: Set<() => void>;
}

let known: { policy: Policy } | undefined;
let asking: Ask | undefined;
/** Asks in a row the browser left unanswered: the next waits longer. */
let unanswered = 0;
/** Callers waiting on an ask, any ask (tests). */
let waiting = 0;
let watching = false;
/** Bumped when the browser says the policy changed: an ask made before then is not believed. */
let generation = 0;

/** What was read is stale, and an ask still unanswered is neither waited on nor believed. */
function forgetRead(): void {
  known = undefined;
  asking = undefined;
  unanswered = 0;
  generation++;
}

/** Once: when the browser says the policy changed, what was read is forgotten (before any watcher hears of it). */
function forgetOnChange(): void {
  if (watching) return;
  watching = true;
  browser.storage.onChanged.addListener((_, area) => {
    if (area === 'managed') forgetRead();
  });
}

const same = (a: Policy, b: Policy) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The ask in flight, or a new one when there is none or it went unanswered too long (longer
 * each time when a policy read before stands in meanwhile: `standIn`).
 */
function ask(now: number, standIn: boolean): Ask {
  const patience = standIn ? Math.min(MANAGED_WAIT_MS * 2 ** unanswered, MANAGED_ASK_AGAIN_MAX_MS) : MANAGED_WAIT_MS;
  if (asking && now - asking.at < patience) return asking;
  if (asking) unanswered++;
  const mine = generation;
  const remember = async (policy: Policy) => {
    if (mine !== generation) return;
    known = { policy };
    unanswered = 0;
    // Written only when it changed: a page showing the policy read before hears of it (watchManaged).
    const before = await lastRead.getValue().catch(() => null);
    if (!before || !same(before.policy, policy)) await lastRead.setValue(policy ? { policy } : {}).catch(() => undefined);
  };
  const entry: Ask = { at: now, settled: false, waiters: new Set() };
  void browser.storage.managed
    .get(null)
    .then(
      (all) => remember(Object.keys(all).length > 0 ? all : undefined),
      () => remember(undefined), // no policy installed (Firefox throws), or no managed storage at all
    )
    .finally(() => {
      entry.settled = true;
      for (const answered of entry.waiters) answered();
      waiting -= entry.waiters.size;
      entry.waiters.clear();
      if (asking === entry) asking = undefined;
    });
  asking = entry;
  return entry;
}

/**
 * Whether `entry` is answered within `ms`. A caller whose time is up is no longer held by the
 * ask (a `then` on an ask the browser never answers would keep it, and all it refers to, for good).
 */
function answeredWithin(entry: Ask, ms: number, wait: (ms: number) => Promise<void>): Promise<boolean> {
  if (entry.settled) return Promise.resolve(true);
  return new Promise((resolve) => {
    const answered = () => resolve(true);
    entry.waiters.add(answered);
    waiting++;
    void wait(ms).then(() => {
      if (entry.waiters.delete(answered)) waiting--;
      resolve(false);
    });
  });
}

/**
 * The policy in effect; none → undefined. When the browser has not answered within
 * MANAGED_KNOWN_WAIT_MS: the policy read last time, if there is one (the ask goes on, and its
 * answer counts from then on); else within MANAGED_WAIT_MS, undefined after that.
 */
export async function readManaged(wait = sleep, now = Date.now): Promise<Policy> {
  forgetOnChange();
  if (known) return known.policy;
  const before = await lastRead.getValue().catch(() => null);
  if (known) return (known as { policy: Policy }).policy; // answered while that was read
  const pending = ask(now(), Boolean(before));
  if ((await answeredWithin(pending, before ? MANAGED_KNOWN_WAIT_MS : MANAGED_WAIT_MS, wait)) && known) return (known as { policy: Policy }).policy;
  return before?.policy;
}

/**
 * Calls `changed` when a policy read differs from the one read before it (by any page or the
 * worker), and when the browser says the policy changed (it may first answer with the one it
 * kept from before, then load the administrator's new one).
 */
export function watchManaged(changed: () => void): () => void {
  // Registered first, so what was read is forgotten before `changed` reads afresh.
  forgetOnChange();
  const fromBrowser = (_: unknown, area: string) => {
    if (area === 'managed') changed();
  };
  browser.storage.onChanged.addListener(fromBrowser);
  const unwatch = lastRead.watch(() => changed());
  return () => {
    unwatch();
    browser.storage.onChanged.removeListener(fromBrowser);
  };
}

/** Forgets what was read, and the listener (tests: a reset fake browser has none). */
export function forgetManaged(): void {
  forgetRead();
  watching = false;
}

/** Callers waiting on an ask, the one in flight or any before it (tests: none once every caller has had its answer or its time). */
export const managedWaiters = (): number => waiting;
