// What a process's allocators hold, from Chrome's own memory dump (the memory-infra trace
// category, as chrome://tracing takes it): per allocator, the memory it has from the system
// (`size`) and what live objects take of it (`allocated_objects_size`). A process's PSS counts
// both; only the second is what its pages and worker still hold. An allocator keeps freed memory
// for its next allocations, and a critical memory-pressure signal did not make it give back all
// of it (2026-12-07: after the popup's opens, mostly 320-512 KiB slots of Blink's buffer
// partition, free but kept).

/** The allocators summed: malloc, PartitionAlloc's partitions, Oilpan's heaps, V8's heap spaces. */
const COUNTED = /^(malloc|partition_alloc\/partitions\/[^/]+|blink_gc\/[^/]+\/heap|v8\/[^/]+\/heap\/[^/]+_space)$/;

const bytes = (attr) => (attr ? Number.parseInt(attr.value, 16) : 0);

/** A PartitionAlloc bucket: the partition (malloc's, or Blink's buffer, ...) and its slot size. */
const BUCKET = /^(?:malloc\/partitions\/([^/]+)|partition_alloc\/partitions\/([^/]+))\/buckets\/bucket_0*(\d+)$/;
/** The free slots malloc keeps per thread for that thread's next allocations. */
const THREAD_CACHE = 'malloc/partitions/allocator/thread_cache';

/** Which allocator a counted dump entry is, as the bench names it. */
function kindOf(name) {
  if (name === 'malloc') return 'malloc';
  if (name.startsWith('blink_gc/')) return 'Oilpan';
  if (name.startsWith('v8/')) return 'V8';
  return `PartitionAlloc's ${name.slice('partition_alloc/partitions/'.length)} partition`;
}

/**
 * One detailed memory dump of every process of the browser behind `send`/`listen` (the bare
 * DevTools endpoint, bench/support/bare.mjs). Per process ID: `held` and `live` in KiB, summed
 * over the allocators counted, and `kinds`: the same per allocator (malloc, Oilpan, V8, each of
 * PartitionAlloc's partitions); `buckets`: the free memory (KiB) each of PartitionAlloc's buckets
 * keeps, by "partition slot-size" (which sizes of object leave it: fragmentation is free slots
 * of a size, a freed large buffer one slot); `threadCache`: the free slots malloc's per-thread
 * caches keep (KiB).
 */
export async function allocators(send, listen) {
  const events = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const stop = listen((m) => {
    if (m.method === 'Tracing.dataCollected') events.push(...m.params.value);
    if (m.method === 'Tracing.tracingComplete') done();
  });
  try {
    await send('Tracing.start', {
      traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], excludedCategories: ['*'], memoryDumpConfig: { triggers: [] } },
      transferMode: 'ReportEvents',
    });
    const { success } = await send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
    await send('Tracing.end');
    await finished;
    if (!success) throw new Error('Chrome took no memory dump');
  } finally {
    stop();
  }
  const byPid = new Map();
  for (const e of events) {
    const dumps = e.ph === 'v' ? e.args?.dumps?.allocators : undefined;
    if (!dumps) continue;
    let held = 0;
    let live = 0;
    const kinds = {};
    const buckets = {};
    for (const [name, { attrs }] of Object.entries(dumps)) {
      const bucket = BUCKET.exec(name);
      if (bucket) buckets[`${bucket[1] === 'allocator' ? 'malloc' : (bucket[1] ?? bucket[2])} ${bucket[3]} B`] = (bytes(attrs?.size) - bytes(attrs?.allocated_objects_size)) / 1024;
      if (!COUNTED.test(name)) continue;
      const size = bytes(attrs?.size) / 1024;
      const used = bytes(attrs?.allocated_objects_size) / 1024;
      held += size;
      live += used;
      const kind = (kinds[kindOf(name)] ??= { held: 0, live: 0 });
      kind.held += size;
      kind.live += used;
    }
    byPid.set(e.pid, { held, live, kinds, buckets, threadCache: bytes(dumps[THREAD_CACHE]?.attrs?.size) / 1024 });
  }
  return byPid;
}
