// Stored lists and maps changed one step at a time: two interleaved read-change-writes would
// each write back what they read, losing the other's change (a request, a rating or an "ask
// for an update" sent twice, or dropped). Used by the outbox, the ratings, the nudges and the
// tracker's sync state.
import type { Item } from './tracker';

export function serialWrites() {
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs `step` after every step queued before it. Steps must not queue others and wait for them. */
  function serial<T>(step: () => Promise<T>): Promise<T> {
    const next = tail.then(step);
    tail = next.catch(() => undefined);
    return next;
  }

  /** Reads `item`, changes it and writes it back, as one step; a change that gives back what it was handed writes nothing. */
  function change<T>(item: Item<T>, fn: (value: T) => T): Promise<T> {
    return serial(async () => {
      const before = await item.getValue();
      const after = fn(before);
      if (after !== before) await item.setValue(after);
      return after;
    });
  }

  return { serial, change };
}
