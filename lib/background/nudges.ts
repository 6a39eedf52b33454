// Delivers "Ask for an update" comments: checked, stored, then posted through the desk's own
// public reply (RT correspond, JSM public comment, Zendesk request comment), retried from storage.
import { requestDepartment } from '../catalog/view';
import { DeskFailure, deskError, toDeskError, type Catalog, type TicketRef } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { isQuotaError } from '../requests/blobs';
import { afterNudgeFailure, copiesIn, dueNudges, LANDING_MS, newNudge, NUDGE_REFUSED, pruneNudges, refusal, type Nudge, type Refusal } from '../requests/nudge';
import type { CatalogConfig } from '../settings/policy';
import { expectationOf, mayNudge, nextNudgeAt } from '../tracking/expectations';
import { keyOf, type Snapshot } from '../tracking/snapshot';
import { serialWrites } from './serial';
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

/** Why an ask was refused, as a code the locale words (lib/i18n/describe.ts shows it). */
const refused = (why: keyof typeof NUDGE_REFUSED) => new DeskFailure(deskError('rejected', { detail: NUDGE_REFUSED[why] }));

export function createNudges(deps: NudgeDeps) {
  const sending = new Set<string>();
  // One ask per request at a time: a second tap while the first is checked awaits its answer.
  const asking = new Map<string, Promise<Nudge>>();
  // One read-change-write of the stored map at a time (./serial); a change that gives back the map it was handed writes nothing.
  const writes = serialWrites();
  const update = (change: (all: Record<string, Nudge>) => Record<string, Nudge>) => writes.change(deps.nudges, change);
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

  /** Stored, or refused, in one step of the serialized writes: what was refused is re-read there. */
  async function store(key: string, n: Nudge): Promise<Refusal | undefined> {
    let refused: Refusal | undefined;
    await update((all) => {
      refused = refusal(all[key], deps.now());
      return refused ? all : { ...all, [key]: n };
    });
    return refused;
  }

  async function askOnce(key: string): Promise<Nudge> {
    const now = deps.now();
    const request = (await deps.snapshot.getValue())?.requests.find((r) => keyOf(r) === key);
    if (!request) throw new DeskFailure(deskError('not-found', { detail: 'request' }));
    const stored = refusal((await deps.nudges.getValue())[key], now);
    // Asked already and not delivered yet: this tap tries it again.
    if (stored === 'pending') return (await attempt(key)) as Nudge;
    if (stored) throw refused(stored);
    const catalog = await deps.catalog.getValue();
    const config = await deps.config();
    const card = catalog ? requestDepartment(catalog, config, request)?.card : undefined;
    const expectation = expectationOf(request, card, { now, zone: deps.zone() });
    if (!mayNudge(expectation)) throw refused('not-late');
    // Checked again where it is written: the awaits above give others time to ask.
    const since = await store(key, newNudge(key, request.ref, now, nextNudgeAt(expectation, now)));
    if (since === 'pending') return (await attempt(key)) as Nudge;
    if (since) throw refused(since);
    return (await attempt(key)) as Nudge;
  }

  return {
    /**
     * Asks for an update on a tracked request: only when it is late and the user has not asked
     * within the last promise period. Answers the nudge as stored (sent, or waiting to be).
     */
    ask(key: string): Promise<Nudge> {
      const running = asking.get(key);
      if (running) return running;
      const once = askOnce(key)
        // Not kept, so not sent: the browser's storage is full.
        .catch((err: unknown) => Promise.reject(isQuotaError(err) ? new DeskFailure(deskError('storage-full')) : err))
        .finally(() => asking.delete(key));
      asking.set(key, once);
      return once;
    },
    /** Delivers the due ones; never rejects (alarms call it): each attempt fails on its own, as in ratings. */
    async flush(): Promise<void> {
      const all = await update((stored) => pruneNudges(stored, deps.now())).catch(() => deps.nudges.getValue().catch(() => ({})));
      for (const n of dueNudges(all, deps.now())) await attempt(n.key).catch(() => undefined);
    },
    list: () => deps.nudges.getValue(),
  };
}
