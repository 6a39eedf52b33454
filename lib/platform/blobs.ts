// Screenshots and attached files in IndexedDB, which the extension's pages and its service
// worker share. It is limited by the browser's disk quota (a share of the free disk), not by
// storage.local's 10 MB, so no `unlimitedStorage` permission is asked for.
import type { BlobStore } from '../requests/blobs';

const DB = 'instant-desk';
const STORE = 'blobs';

/** Kept as bytes (a quarter smaller than base64), with the data URL's head when there was one. */
interface Stored {
  head: string;
  bytes: Uint8Array;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB did not open'));
  });
}

/** One transaction; resolves when it is committed (a quota failure shows at commit, as an abort). */
async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onabort = tx.onerror = () => reject(tx.error ?? req?.error ?? new DOMException('The transaction failed.', 'AbortError'));
    });
  } finally {
    db.close();
  }
}

function encode(data: string): Stored {
  const comma = data.startsWith('data:') ? data.indexOf(',') + 1 : 0;
  const head = data.slice(0, comma);
  let binary: string;
  try {
    binary = atob(data.slice(comma));
  } catch {
    return { head: data, bytes: new Uint8Array(0) }; // not base64: kept as the text it is
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { head, bytes };
}

function decode(stored: Stored): string {
  let binary = '';
  for (let i = 0; i < stored.bytes.length; i += 0x8000) binary += String.fromCharCode(...stored.bytes.subarray(i, i + 0x8000));
  return stored.head + btoa(binary);
}

const under = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

export const blobStore: BlobStore = {
  async put(id, data) {
    const value = encode(data);
    await run('readwrite', (store) => store.put(value, id));
  },
  async get(id) {
    const stored = (await run<Stored | undefined>('readonly', (store) => store.get(id))) ?? undefined;
    return stored ? decode(stored) : undefined;
  },
  async list(prefix) {
    return ((await run('readonly', (store) => store.getAllKeys(under(prefix)))) ?? []).map(String);
  },
  async delete(ids) {
    if (ids.length) await run('readwrite', (store) => void ids.forEach((id) => store.delete(id)));
  },
};

/** What this origin uses and may use, as the browser estimates it (for tests and diagnostics). */
export async function storageEstimate(): Promise<{ usage: number; quota: number }> {
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}
