// Delivers "Ask for an update" comments: checked, stored, then posted through the desk's own
// public reply (RT correspond, JSM public comment, Zendesk request comment), retried from storage.
import { requestDepartment } from '../catalog/view';
import { DeskFailure, deskError, toDeskError, type Catalog, type TicketRef } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { afterNudgeFailure, copiesIn, dueNudges, LANDING_MS, newNudge, pruneNudges, refusal, type Nudge } from '../requests/nudge';
import type { CatalogConfig } from '../settings/policy';
import { expectationOf, mayNudge, nextNudgeAt } from '../tracking/expectations';
import { keyOf, type Snapshot } from '../tracking/snapshot';
import type { Item } from './tracker';

export interface NudgeDeps {
  nudges: Item<Record<string, Nudge>>;
  snapshot: Item<Snapshot | null>;
  catalog: Item<Catalog | null>;
  config(): Promise<CatalogConfig>;
  deskOf(ref: TicketRef): Promise<DeskAdapter>;
  now(): number;
  /** The user's time zone (hours the catalog gives without one are theirs). */
  zone(): string;
  schedule(delayMs: number): Promise<void>;
}

export type Nudges = ReturnType<typeof createNudges>;

export function createNudges(deps: NudgeDeps) {
  const sending = new Set<string>();
  // One read-change-write of the stored map at a time (see createOutbox).
  let writes: Promise<unknown> = Promise.resolve();
  function update(change: (all: Record<string, Nudge>) => Record<string, Nudge>): Promise<Record<string, Nudge>> {
    const next = writes.then(async () => {
      const all = change(await deps.nudges.getValue());
      await deps.nudges.setValue(all);
      return all;
    });
    writes = next.catch(() => undefined);
    return next;
  }
  const put = (n: Nudge) => update((all) => ({ ...all, [n.key]: n }));

  async function reschedule(all: Record<string, Nudge>): Promise<void> {
    const waiting = Object.values(all).filter((n) => n.sentAt === undefined && !n.held);
    if (waiting.length) await deps.schedule(Math.max(0, Math.min(...waiting.map((n) => n.nextAt)) - deps.now()));
  }

  /** One attempt: counts the copies the request holds, and posts only when none is new. */
  async function attempt(key: string): Promise<Nudge | undefined> {
    const stored = (await deps.nudges.getValue())[key];
    if (!stored || stored.sentAt !== undefined || sending.has(key)) return stored;
    sending.add(key);
    // Due again before any traffic: should the worker die mid-attempt, the alarm finishes it.
    let n: Nudge = { ...stored, attempts: stored.attempts + 1, held: false, nextAt: deps.now() + LANDING_MS };
    try {
      await reschedule(await put(n));
      const adapter = await deps.deskOf(n.ref);
      const copies = copiesIn(await adapter.conversation(n.ref), n.text);
      if (n.before === undefined) {
        n = { ...n, before: copies };
        await put(n);
      }
      if (copies <= (n.before ?? 0)) await adapter.reply(n.ref, n.text, []);
      n = { ...n, sentAt: deps.now(), lastError: undefined };
      await put(n);
      return n;
    } catch (err) {
      n = afterNudgeFailure(n, toDeskError(err), deps.now());
      await reschedule(await put(n));
      return n;
    } finally {
      sending.delete(key);
    }
  }

  return {
    /**
     * Asks for an update on a tracked request: only when it is late and the user has not asked
     * within the last promise period. Answers the nudge as stored (sent, or waiting to be).
     */
    async ask(key: string): Promise<Nudge> {
      const now = deps.now();
      const request = (await deps.snapshot.getValue())?.requests.find((r) => keyOf(r) === key);
      if (!request) throw new DeskFailure(deskError('not-found', { detail: 'request' }));
      const refused = refusal((await deps.nudges.getValue())[key], now);
      // Asked already and not delivered yet: this tap tries it again.
      if (refused === 'pending') return (await attempt(key)) as Nudge;
      if (refused) throw new DeskFailure(deskError('rejected', { detail: `nudge ${refused}` }));
      const catalog = await deps.catalog.getValue();
      const config = await deps.config();
      const card = catalog ? requestDepartment(catalog, config, request)?.card : undefined;
      const expectation = expectationOf(request, card, { now, zone: deps.zone() });
      if (!mayNudge(expectation)) throw new DeskFailure(deskError('rejected', { detail: 'nudge not late' }));
      await put(newNudge(key, request.ref, now, nextNudgeAt(expectation, now)));
      return (await attempt(key)) as Nudge;
    },
    async flush(): Promise<void> {
      const all = await update((stored) => pruneNudges(stored, deps.now()));
      for (const n of dueNudges(all, deps.now())) await attempt(n.key);
    },
    list: () => deps.nudges.getValue(),
  };
}
