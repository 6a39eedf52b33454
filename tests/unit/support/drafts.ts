// Drafts on an in-memory shelf: the real draft logic, storage replaced by two maps.
import type { PageContext } from '@/lib/capture/context';
import { createDrafts, type Draft, type DraftShelf } from '@/lib/requests/draft';

export function memoryDrafts(now: () => number = () => 1_000) {
  const all = new Map<string, Draft>();
  const contexts = new Map<string, PageContext>();
  const shelf: DraftShelf = {
    readAll: async () => Object.fromEntries(all),
    writeAll: async (drafts) => {
      all.clear();
      for (const [k, v] of Object.entries(drafts)) all.set(k, v);
    },
    readContext: async (key) => contexts.get(key) ?? null,
    writeContext: async (key, context) => void (context ? contexts.set(key, context) : contexts.delete(key)),
  };
  return { drafts: createDrafts(shelf, now), shelf, all, contexts };
}
