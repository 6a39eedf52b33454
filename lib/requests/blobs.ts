// Large binary data (screenshots, attached files) lives apart from the small records that name
// it: extension storage holds 10 MB in all, a single request may carry more. A stored context
// keeps a reference string where the data was; reading it back puts the data in again, and a
// piece that went missing is left out rather than failing: the text is never lost with it.
import type { PageContext } from '../capture/context';
import { sleep, type Attachment } from '../domain';

/** Where the bytes live (IndexedDB in the browser: lib/platform/blobs.ts). */
export interface BlobStore {
  /** Keeps a data URL or base64 text under `id`; rejects with a quota error when there is no room. */
  put(id: string, data: string): Promise<void>;
  /** The text as it was put, or undefined when it is not there (evicted, never written). */
  get(id: string): Promise<string | undefined>;
  /** Ids starting with `prefix`. */
  list(prefix: string): Promise<string[]>;
  delete(ids: string[]): Promise<void>;
}

/**
 * A reference: `stored-blob:<id>#<fingerprint>`. Base64 never holds ':', a data URL starts with
 * 'data:', so a reference is never mistaken for data.
 */
const REF = 'stored-blob:';

export const isRef = (value: string | undefined): value is string => Boolean(value?.startsWith(REF));
const idOf = (ref: string) => ref.slice(REF.length, ref.lastIndexOf('#'));

/**
 * Length and a hash of evenly spaced characters and the tail: enough to tell an edited
 * screenshot or another file from the one stored, without reading 13 MB per keystroke.
 */
export function fingerprint(data: string): string {
  let h = 0x811c9dc5;
  const mix = (i: number) => {
    h ^= data.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  };
  const step = Math.max(1, Math.floor(data.length / 65536));
  for (let i = 0; i < data.length; i += step) mix(i);
  for (let i = Math.max(0, data.length - 1024); i < data.length; i++) mix(i);
  return `${data.length.toString(36)}.${(h >>> 0).toString(36)}`;
}

/**
 * Keeps `data` under `id` and gives its reference; `before` is the reference stored until now,
 * and when it names the same data nothing is written again.
 */
export async function stash(blobs: BlobStore, id: string, data: string, before?: string): Promise<string> {
  if (isRef(data)) return data;
  const ref = `${REF}${id}#${fingerprint(data)}`;
  if (ref !== before) await blobs.put(id, data);
  return ref;
}

/** The data a stored value stands for: itself when it is no reference, undefined when it is gone. */
export function unstash(blobs: BlobStore, value: string): Promise<string | undefined> {
  return isRef(value) ? blobs.get(idOf(value)).catch(() => undefined) : Promise.resolve(value);
}

/** Whether a failed write failed for want of room (IndexedDB, Chrome storage, or Firefox). */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  return typeof e.message === 'string' && /quota/i.test(e.message);
}

/** The blob ids of a stored context: those its references name. */
export function refsOf(context: PageContext | null | undefined): string[] {
  if (!context) return [];
  return [context.screenshot, ...(context.files ?? []).map((f) => f.data)].filter(isRef).map(idOf);
}

/**
 * The context to store: screenshot and file contents written to the blob store under `prefix`,
 * replaced by references; data `previous` (the stored context it replaces) already holds is not
 * written again. Blobs under `prefix` no longer named are deleted after. A failed put rejects.
 */
export async function externalise(blobs: BlobStore, prefix: string, context: PageContext, previous?: PageContext | null): Promise<PageContext> {
  const before = new Map([previous?.screenshot, ...(previous?.files ?? []).map((f) => f.data)].filter(isRef).map((r) => [idOf(r), r]));
  const keep = async (name: string, data: string) => stash(blobs, prefix + name, data, before.get(prefix + name));
  const stored: PageContext = { ...context };
  if (context.screenshot) stored.screenshot = await keep('shot', context.screenshot);
  if (context.files) {
    const files: Attachment[] = [];
    for (const [i, f] of context.files.entries()) files.push({ ...f, data: await keep(`file${i}`, f.data) });
    stored.files = files;
  }
  const named = new Set(refsOf(stored));
  // A context that never had data stored leaves the blob store alone.
  if (named.size > 0 || before.size > 0) {
    const stale = (await blobs.list(prefix)).filter((id) => !named.has(id));
    if (stale.length) await blobs.delete(stale);
  }
  return stored;
}

/**
 * The context with its data back in. A screenshot that is gone shows as not captured; a file
 * that is gone is left out and named in `missing`.
 */
export async function internalise(blobs: BlobStore, context: PageContext): Promise<{ context: PageContext; missing: string[] }> {
  const missing: string[] = [];
  const [screenshot, ...files] = await Promise.all([
    context.screenshot ? unstash(blobs, context.screenshot) : Promise.resolve(undefined),
    ...(context.files ?? []).map((f) => unstash(blobs, f.data)),
  ]);
  const kept: Attachment[] = [];
  (context.files ?? []).forEach((f, i) => {
    const data = files[i];
    if (data === undefined) missing.push(f.name);
    else kept.push({ ...f, data });
  });
  const rest: PageContext = { ...context };
  delete rest.screenshot;
  delete rest.files;
  const lostShot = Boolean(context.screenshot) && screenshot === undefined;
  return {
    context: {
      ...rest,
      ...(screenshot ? { screenshot } : {}),
      ...(context.files ? { files: kept } : {}),
      ...(lostShot && !rest.gaps.includes('screenshot') ? { gaps: [...rest.gaps, 'screenshot' as const] } : {}),
    },
    missing,
  };
}

/** The same context without its screenshot (evicted to make room), marked as not captured. */
export function withoutScreenshot(context: PageContext): PageContext {
  const rest: PageContext = { ...context };
  delete rest.screenshot;
  return { ...rest, gaps: rest.gaps.includes('screenshot') ? rest.gaps : [...rest.gaps, 'screenshot'] };
}

/** The records that may name blobs: draft contexts, reply drafts (their attachment), outbox submissions. */
export interface BlobOwners {
  contexts: PageContext[];
  replies: { file?: Attachment }[];
  outbox: { input: { context: PageContext } }[];
}

/** The blob ids the records name. */
export function namedBlobs(owners: BlobOwners): Set<string> {
  const ids = [
    ...owners.contexts.flatMap(refsOf),
    ...owners.outbox.flatMap((s) => refsOf(s.input.context)),
    ...owners.replies.flatMap((r) => (isRef(r.file?.data) ? [idOf(r.file.data)] : [])),
  ];
  return new Set(ids);
}

/**
 * How long a blob no record names is left before it is deleted: a write puts the bytes first and
 * its record right after, so a blob caught between the two (a draft saved, a request queued as
 * the browser starts) has its record by then.
 */
export const SWEEP_GRACE_MS = 20_000;

/**
 * Deletes the blobs no record names: left when a write was cut short between the bytes and
 * the record (a popup closed, the browser quit), which nothing would ever read or delete. Two
 * looks SWEEP_GRACE_MS apart: only a blob unnamed at both is deleted, so a write under way at
 * the first (its bytes in, its record still to come) keeps its bytes. In each look the blobs are
 * listed before the records are read, so a blob written meanwhile is never a candidate. Gives
 * the ids deleted.
 */
export async function sweepBlobs(
  blobs: BlobStore,
  owners: () => Promise<BlobOwners>,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<string[]> {
  const unnamed = async (among?: Set<string>) => {
    const listed = (await blobs.list('')).filter((id) => !among || among.has(id));
    if (listed.length === 0) return [];
    const named = namedBlobs(await owners());
    return listed.filter((id) => !named.has(id));
  };
  const first = await unnamed();
  if (first.length === 0) return [];
  await wait(SWEEP_GRACE_MS);
  const orphans = await unnamed(new Set(first));
  if (orphans.length) await blobs.delete(orphans);
  return orphans;
}

/** A blob store in memory, for unit tests; `room` bytes of text in all (a put beyond it fails as a full disk would). */
export function memoryBlobs(room = Number.POSITIVE_INFINITY): BlobStore & { map: Map<string, string>; room: number } {
  const map = new Map<string, string>();
  const used = (except?: string) => [...map].reduce((n, [id, v]) => (id === except ? n : n + v.length), 0);
  const store = {
    map,
    room,
    async put(id: string, data: string) {
      if (used(id) + data.length > store.room) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      map.set(id, data);
    },
    get: async (id: string) => map.get(id),
    list: async (prefix: string) => [...map.keys()].filter((id) => id.startsWith(prefix)),
    async delete(ids: string[]) {
      for (const id of ids) map.delete(id);
    },
  };
  return store;
}
