// The extension process's memory over OPENS opens with no DevTools on the pages opened: the
// browser started on its own (a profile the desk was set up in), pages opened and closed over
// the bare DevTools protocol (Target.createTarget, closed HOLD_MS later), nothing attached but,
// while a reading is taken, a keeper page that asks V8 for a full garbage collection. The
// tracker's syncs are held off (an hour's interval, no recent activity, no alarm), so what is
// measured is the opens, not a service worker started again for a sync. Eight runs, each in a
// fresh browser: the popup (opened as a tab, then by the toolbar button as a person opens it),
// the empty extension page, a hello-world React page, the same asking the worker one thing as
// it opens (so the worker runs and stops as beside the popup), the same asking the worker for
// the popup's own look at the desk (the desk's answers in the process), the empty page at the popup's
// size by the toolbar button (is it the window's size?), and no opens at all for the same time.
// PSS from /proc.
// After the opens, every page is closed, as between a user's looks at the popup: whether the
// process that kept their memory ends, and what the next open's process holds.
// Each reading is then taken twice more: with the service worker's garbage collected too (the
// keeper's collection is its own thread's only; the worker's isolate, in the same process,
// collects when V8 sees fit), and with the process told memory is short, as the system tells it
// (Blink's caches emptied, the allocators' free pages returned). What is left is what is held.
// And once more after Chrome has stopped the worker (30 s after its last event, as between a
// person's looks): a control page never wakes the worker, so its worker stops a few opens into
// the run, and only this last reading compares like with like (2026-12-06: the controls' figures
// before it compared a process without a worker against the popup's, which has one). That
// reading is split by Chrome's own memory dump into what the allocators hold and what live
// objects take of it: a leak is live objects that grow (bench/support/allocators.mjs).
// INSTANT_DESK_MEMORY_ROUNDS repeats the chosen runs, interleaved, for their spread.
import { extensionRenderers, pss } from './memory.mjs';
import { preparedProfile, setPopup, sleep, startBare, targetOf } from './support/bare.mjs';
import { allocators } from './support/allocators.mjs';
import { ROOT } from '../scripts/lib/chromium.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process's anonymous memory (mappings with no file or name) in KiB, PSS. */
function anonymous(pid) {
  let anon = false;
  let kib = 0;
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (mapping) anon = mapping[1] === '';
      else if (anon) kib += Number(/^Pss:\s+(\d+) kB/.exec(line)?.[1] ?? 0);
    }
  } catch {
    // gone
  }
  return kib;
}

const OPENS = Number(process.env.INSTANT_DESK_MEMORY_OPENS ?? 100);
const HOLD_MS = 1500;

/** The tracker's syncs held off: an hour's interval, no recent activity, no alarm. */
async function holdSyncs(app) {
  await app.worker.evaluate(async () => {
    const { syncState } = await chrome.storage.local.get('syncState');
    await chrome.storage.local.set({ preferences: { notifications: true, intervalMin: 60 }, syncState: { ...syncState, lastActivityAt: 0 } });
    await chrome.alarms.clearAll();
  });
}

/** `toolbar`: the popup opened by the toolbar button, as a person opens it, instead of as a tab. */
async function measure(dir, facts, path, toolbar = false) {
  const { profile, id } = await preparedProfile(dir, facts, holdSyncs);
  const { send, listen, close } = await startBare(dir, profile, { toolbar });
  try {
    const tab = toolbar ? await targetOf(send, (t) => t.url === 'about:blank', { type: 'tab' }) : undefined;
    if (toolbar && path !== 'popup.html') await setPopup(send, id, path);
    const renderers = () => extensionRenderers(`--user-data-dir=${profile}`);
    const total = (pids, of = pss) => pids.reduce((n, p) => n + of(p), 0);
    const worker = async () => (await send('Target.getTargets', {})).targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
    const keep = async () => {
      const { targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/blank.html` });
      return { targetId };
    };
    let keeper = await keep();
    // Read with a DevTools session on the keeper only while it is read (attached for the whole
    // run, it was one more thing kept in the process measured): the process's PSS, and what in it could be the pages'
    // leftovers: the main thread's V8 heap and the documents alive after a full collection (one:
    // the keeper's), and the process's anonymous memory (the allocators' own, outside V8's heap).
    const settled = async () => {
      await sleep(1000);
      const { sessionId } = await send('Target.attachToTarget', { targetId: keeper.targetId, flatten: true });
      for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, sessionId);
      const { usedSize } = await send('Runtime.getHeapUsage', {}, sessionId);
      const { documents } = await send('Memory.getDOMCounters', {}, sessionId);
      await sleep(1000);
      const pids = renderers();
      const reading = { pss: total(pids), anon: total(pids, anonymous), heap: usedSize / 1024, documents };
      // Then what the browser gives back when asked: the worker's own garbage collected (the
      // keeper's collection is its thread's only) and the process told memory is short, as the
      // system does (caches emptied, the allocators' free pages returned).
      const running = await worker();
      let workerHeap;
      if (running) {
        const w = await send('Target.attachToTarget', { targetId: running.targetId, flatten: true });
        for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, w.sessionId);
        workerHeap = (await send('Runtime.getHeapUsage', {}, w.sessionId)).usedSize / 1024;
        await send('Target.detachFromTarget', { sessionId: w.sessionId });
      }
      await sleep(1000);
      const collected = total(renderers());
      await send('Memory.simulatePressureNotification', { level: 'critical' }, sessionId);
      await send('Target.detachFromTarget', { sessionId });
      await sleep(1500);
      const after = renderers();
      const purged = { purged: total(after), purgedAnon: total(after, anonymous) };
      // Last, as in use between looks: Chrome stops the worker 30 s after its last event, and its
      // heap (the code V8 optimized for its busy functions) goes with it. What the process holds
      // then, with only the keeper open, is what the opens left in it; a control page that never
      // wakes the worker is read the same way.
      for (const end = Date.now() + 90_000; (await worker()) && Date.now() < end; ) await sleep(1000);
      if (await worker()) return { ...reading, workerHeap, collected, ...purged };
      const idle = await send('Target.attachToTarget', { targetId: keeper.targetId, flatten: true });
      for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, idle.sessionId);
      await send('Memory.simulatePressureNotification', { level: 'critical' }, idle.sessionId);
      await send('Target.detachFromTarget', { sessionId: idle.sessionId });
      await sleep(1500);
      const stopped = renderers();
      const workerStopped = total(stopped);
      // And what of it live objects take (Chrome's own memory dump): the rest is memory the
      // allocators keep for their next allocations.
      const dumped = await allocators(send, listen);
      const mine = stopped.map((p) => dumped.get(p)).filter(Boolean);
      const sum = (key) => (mine.length ? mine.reduce((n, a) => n + a[key], 0) : undefined);
      // Free memory kept, per allocator: which of them keeps what grows.
      const free = {};
      for (const { kinds } of mine) for (const [kind, a] of Object.entries(kinds)) free[kind] = (free[kind] ?? 0) + a.held - a.live;
      // And by bucket: which sizes of slot the free memory is in.
      const buckets = {};
      for (const p of mine) for (const [bucket, k] of Object.entries(p.buckets)) buckets[bucket] = (buckets[bucket] ?? 0) + k;
      return { ...reading, workerHeap, collected, ...purged, workerStopped, live: sum('live'), held: sum('held'), free, buckets, threadCache: sum('threadCache') };
    };
    const open = async () => {
      if (!path) return sleep(HOLD_MS + 300);
      let targetId;
      if (tab) {
        await send('Extensions.triggerAction', { id, targetId: tab.targetId });
        ({ targetId } = await targetOf(send, (t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${id}/${path}`)));
      } else ({ targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/${path}` }));
      await sleep(HOLD_MS);
      await send('Target.closeTarget', { targetId });
      await sleep(300);
    };
    await open();
    const first = await settled();
    const samples = [];
    for (let i = 1; i <= OPENS; i++) {
      await open();
      if (i % 25 === 0) samples.push(await settled());
    }
    if (!path) return { first, samples };
    // As in use: no extension page open and nothing for the worker to do. Chrome stops the
    // worker after 30 s without events; does the process that kept the opens' memory end then,
    // and what does the next open start from?
    const before = renderers();
    const alive = () => renderers().some((p) => before.includes(p));
    await send('Target.closeTarget', { targetId: keeper.targetId });
    const quiet = Date.now();
    while (alive() && Date.now() - quiet < 180_000) await sleep(1000);
    const ended = alive() ? undefined : Math.round((Date.now() - quiet) / 1000);
    keeper = await keep();
    await open();
    return { first, samples, ended, again: await settled() };
  } finally {
    await close();
  }
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
const kib = (n) => `${Math.round(n)} KiB`;
/** [name, to - from] for every name in either reading (KiB by name). */
const changes = (from, to) => Object.keys({ ...from, ...to }).map((name) => [name, (to[name] ?? 0) - (from[name] ?? 0)]);
/** "name +12 KiB, other -3 KiB" */
const said = (changed) => changed.map(([name, k]) => `${name} ${k >= 0 ? '+' : ''}${kib(k)}`).join(', ');

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const lines = [];
  const runs = [
    ['popup', 'popup.html'],
    ['popup by the toolbar button', 'popup.html', true],
    ['empty page', 'blank.html'],
    // A page that loads the libraries' file the popup loads and renders "Hello" with React.
    ['hello-world React page', 'hello-react.html'],
    // The same, asking the worker one thing as it opens (as the popup does): the worker runs
    // while the pages come and go, and stops between readings, as beside the popup.
    ['hello-world React page waking the worker', 'hello-react.html?wake'],
    // The same, the worker asked for the popup's look at the desk (its fetches, in the same process).
    ['hello-world React page asking the worker to sync', 'hello-react.html?wake&sync'],
    ["empty page at the popup's size by the toolbar button", 'blank-sized.html', true],
    ['no opens', undefined],
  ];
  const only = process.env.INSTANT_DESK_MEMORY_RUNS?.split(',');
  // Rounds, the chosen runs interleaved in each: one browser's figures move from run to run, so
  // whether the popup holds more than a control is judged against that spread.
  const rounds = Number(process.env.INSTANT_DESK_MEMORY_ROUNDS ?? 1);
  /** Per run's name, each round's KiB per open from the 25th open on (see the line it makes). */
  const rates = new Map();
  for (let round = 1; round <= rounds; round++)
    for (const [name, path, toolbar] of runs.filter(([name]) => !only || only.includes(name))) {
      const { first, samples, ended, again } = await measure(dir, facts, path, toolbar);
      const last = samples.at(-1) ?? first;
      const label = rounds > 1 ? `${name} (round ${round})` : name;
      // Per open from the 25th, and over the last 25 (does it level off?): only with that many samples.
      const perOpen = (from, to, opens) => `${((to.pss - from.pss) / opens).toFixed(0)} KiB`;
      const late = samples.length > 1 ? `, ${perOpen(samples[0], last, (samples.length - 1) * 25)} from the 25th on, ${perOpen(samples.at(-2), last, 25)} over the last 25` : '';
      const every = (key, say) => [first, ...samples].map((s) => say(s[key])).join(', ');
      const fromThe25th = (key) => (last[key] - samples[0][key]) / ((samples.length - 1) * 25); // NaN: the worker never stopped
      if (samples.length > 1) rates.set(name, [...(rates.get(name) ?? []), [fromThe25th('collected'), fromThe25th('workerStopped'), fromThe25th('live')]]);
      lines.push(
        `${label}, no DevTools on the pages: extension process PSS ${mib(first.pss)} after the first open, ${mib(last.pss)} after ${samples.length * 25} more (every 25: ${samples.map((s) => mib(s.pss)).join(', ')}); ${perOpen(first, last, Math.max(1, samples.length * 25))} per open${late}`,
        `  after each full collection, from the first open on, every 25: V8 heap of the pages' thread ${every('heap', kib)}; documents alive ${every('documents', String)}; anonymous memory ${every('anon', mib)}`,
        `  then with the worker's garbage collected too, every 25: PSS ${every('collected', mib)} (the worker's V8 heap ${every('workerHeap', (k) => (k === undefined ? 'stopped' : kib(k)))}); and with the process told memory is short: PSS ${every('purged', mib)}, anonymous memory ${every('purgedAnon', mib)}`,
        `  then once Chrome had stopped the worker (30 s after its last event), only the keeper open, every 25: PSS ${every('workerStopped', (k) => (k === undefined ? 'worker still running after 90 s' : mib(k)))}; of it, the allocators (malloc, PartitionAlloc, Oilpan, V8) hold ${every('held', (k) => (k === undefined ? '-' : mib(k)))}, live objects take ${every('live', (k) => (k === undefined ? '-' : kib(k)))}`,
      );
      if (samples.length > 1 && samples[0].free && last.free) {
        const byAllocator = changes(samples[0].free, last.free).sort((a, b) => b[1] - a[1]);
        const byBucket = changes(samples[0].buckets, last.buckets)
          .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
          .slice(0, 10);
        lines.push(
          `  free memory the allocators kept then, from the 25th open to the last: ${mib(Object.values(last.free).reduce((n, k) => n + k, 0))} in all; change by allocator: ${said(byAllocator)}`,
          `  of it, by slot size, the ten buckets whose free memory changed most: ${said(byBucket)}; malloc's thread caches ${kib(samples[0].threadCache)} then ${kib(last.threadCache)}`,
        );
      }
      if (again !== undefined)
        lines.push(
          `${label}, then no extension page open: ${ended === undefined ? 'the process was still there after 180 s' : `the process ended ${ended} s after the last page closed`}; the next open's: ${mib(again.pss)} (the first open's: ${mib(first.pss)})`,
        );
    }
  if (rates.size > 0)
    lines.push(
      `held per open from the 25th on, each round (PSS with the worker's garbage collected; PSS once the worker had stopped; live objects then): ${[...rates].map(([name, kibs]) => `${name} ${kibs.map((round) => round.map((k) => (Number.isNaN(k) ? 'worker never stopped' : k.toFixed(1))).join('; ')).join(' / ')} KiB`).join(' | ')}`,
    );
  return lines;
}
