// The outbox against a desk in memory: cancel while a send may still land, files left pending,
// and many operations at once against storage whose reads and writes take their time.
import { describe, expect, it, vi } from 'vitest';
import { createOutbox, type OutboxDeps } from '@/lib/background/outbox';
import type { DeskAdapter } from '@/lib/desks/types';
import { DeskFailure, deskError } from '@/lib/domain';
import type { Item } from '@/lib/background/tracker';
import type { CancelResult, Landed, Submission, SubmitResult } from '@/lib/requests/outbox';
import { completeAttachments, filesOf, submitRequest, type SubmitInput, type SubmitOutcome } from '@/lib/requests/submit';
import { facilities } from '../support/catalog';
import { memoryDesk } from '../support/memory-desk';
import { seeded } from '../../e2e/support/fault-proxy';

const header = facilities().form;

function inputOf(subject: string, files: SubmitInput['context']['files'] = []): SubmitInput {
  return {
    draft: { deskId: 'd', departmentId: '3', formId: '3', subject, description: 'It sticks.', fields: {}, excluded: [], updatedAt: 0 },
    context: { redactions: 0, gaps: [], files },
  };
}

/** Storage that answers after a while (random, seeded): reads and writes interleave as they would in a browser. */
function slowItem(random: () => number, maxDelayMs = 3): Item<Submission[]> & { value: Submission[] } {
  const item = {
    value: [] as Submission[],
    async getValue() {
      await new Promise((r) => setTimeout(r, random() * maxDelayMs));
      return structuredClone(item.value);
    },
    async setValue(next: Submission[]) {
      const copy = structuredClone(next);
      await new Promise((r) => setTimeout(r, random() * maxDelayMs));
      item.value = copy;
    },
  };
  return item;
}


/** The background's delivery (lib/background/handlers.ts) with the adapter given directly. */
function deliverTo(adapter: DeskAdapter): OutboxDeps['deliver'] {
  return async (s, attempt, create) => {
    if (s.filed) {
      await completeAttachments(adapter, s.filed.ticket, filesOf(s.input));
      return { ticket: s.filed.ticket, departmentName: s.filed.departmentName, dropped: [], confirmed: true };
    }
    return submitRequest(adapter, header, 'Facilities', s.input, { clientId: s.clientId, attempt, createdAt: s.createdAt, create });
  };
}

function setup(adapter: DeskAdapter, options: { now?: () => number; item?: ReturnType<typeof slowItem>; ids?: () => string } = {}) {
  const item = options.item ?? slowItem(() => 0, 0);
  let n = 0;
  const sent: SubmitOutcome[] = [];
  const deps: OutboxDeps = {
    outbox: item,
    deliver: vi.fn(deliverTo(adapter)),
    landingMs: async () => 20_000,
    now: options.now ?? (() => 1000),
    newId: options.ids ?? (() => `id-${String(++n).padStart(4, '0')}`),
    schedule: async () => undefined,
    onSent: (o) => void sent.push(o),
  };
  return { box: createOutbox(deps), item, deps, sent };
}

describe('cancel while an earlier send may have reached the desk', () => {
  it('during the landing window: says so and keeps the request', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => 'timeout-lost' });
    const { box, item } = setup(desk.adapter, { now: () => now });
    expect(await box.submit(inputOf('Door sticks'))).toMatchObject({ status: 'queued', error: { kind: 'timeout' } });
    now = 5000;
    expect(await box.cancel('id-0001')).toEqual<CancelResult>({ status: 'landing', until: 21_000 });
    expect(item.value.map((s) => s.clientId)).toEqual(['id-0001']);
    expect(desk.calls.create).toBe(1); // the look filed nothing
  });

  it('after the window, with no copy at the desk: gives the request back', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => 'timeout-lost' });
    const { box, item } = setup(desk.adapter, { now: () => now });
    await box.submit(inputOf('Door sticks'));
    now = 21_001;
    expect(await box.cancel('id-0001')).toEqual<CancelResult>({ status: 'returned', input: inputOf('Door sticks') });
    expect(item.value).toEqual([]);
    expect(desk.calls.find).toBe(1);
    expect(desk.filed).toEqual([]);
  });

  it('when the copy is found: answers with the filed request instead of giving it back', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => 'timeout-filed' });
    const { box, item, sent } = setup(desk.adapter, { now: () => now });
    await box.submit(inputOf('Door sticks'));
    now = 5000; // still in the window: the copy is there all the same
    const answer = await box.cancel('id-0001');
    expect(answer).toMatchObject({ status: 'filed', outcome: { ticket: { id: '1' }, departmentName: 'Facilities', confirmed: true } });
    expect(item.value).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(desk.copies('id-0001')).toBe(1);
  });
});

describe('a request filed with files pending', () => {
  it('stays in the outbox, and a later flush adds only the missing files', async () => {
    let now = 1000;
    let refusing = true;
    const desk = memoryDesk({ refuse: (name) => refusing && name === 'trace.txt' });
    const { box, item } = setup(desk.adapter, { now: () => now });
    const files = [
      { name: 'error.log', type: 'text/plain', data: 'aGVsbG8=' },
      { name: 'trace.txt', type: 'text/plain', data: 'dHJhY2U=' },
    ];
    const result = await box.submit(inputOf('Door sticks', files));
    expect(result).toMatchObject({ status: 'sent', outcome: { ticket: { id: '1' }, pendingAttachments: ['trace.txt'] } });
    expect(item.value).toHaveLength(1);
    expect(item.value[0]?.filed).toEqual({ ticket: expect.objectContaining({ id: '1' }), departmentName: 'Facilities' });
    // Filed: nothing to give back; the answer says where it went, files still to add included.
    expect(await box.cancel('id-0001')).toMatchObject({ status: 'filed', outcome: { ticket: { id: '1' }, pendingAttachments: ['trace.txt'] } });
    refusing = false;
    now += 60_000;
    await box.flush();
    expect(desk.calls.attach).toEqual([['trace.txt']]);
    expect(desk.calls.create).toBe(1);
    expect(desk.filed[0]?.attachments).toEqual(['error.log', 'trace.txt']);
    expect(item.value).toEqual([]);
  });
});

describe('a flush working from an older look at the outbox', () => {
  /** A desk whose answer for request "A" waits for a gate, so other work runs meanwhile. */
  function gated(fate: (subject: string) => 'ok' | 'filed-then-lost' | 'lost') {
    let open: () => void = () => undefined;
    let gate: Promise<void> | undefined;
    const desk = memoryDesk({ create: (r) => fate(r.subject) });
    let now = 1000;
    const env = setup(desk.adapter, { now: () => now });
    const real = env.deps.deliver;
    env.deps.deliver = vi.fn(async (s: Submission, attempt: number, create: boolean) => {
      if (s.input.draft.subject === 'A' && gate) await gate;
      return real(s, attempt, create);
    });
    const box = createOutbox(env.deps);
    return {
      ...env,
      box,
      desk,
      hold: () => void (gate = new Promise((r) => (open = r))),
      release: () => open(),
      later: () => void (now += 60_000),
    };
  }

  it('does not file again a request whose first attempt ran meanwhile', async () => {
    let aLost = true;
    const t = gated((subject) => (subject === 'A' ? (aLost ? 'lost' : 'ok') : 'filed-then-lost'));
    await t.box.submit(inputOf('A')); // queued: the desk never got it
    aLost = false;
    t.later();
    t.hold();
    const submitB = t.box.submit(inputOf('B'));
    const flush = t.box.flush(); // reads the outbox before B's first attempt is marked
    expect(await submitB).toMatchObject({ status: 'queued' }); // filed, answer lost
    t.release();
    await flush;
    expect(t.desk.copies('id-0001')).toBe(1);
    expect(t.desk.copies('id-0002')).toBe(1); // B: filed once, never twice
  });

  it('does not file a request that was given back to the user meanwhile', async () => {
    let lost = true;
    const t = gated(() => (lost ? 'lost' : 'ok'));
    await t.box.submit(inputOf('A'));
    await t.box.submit(inputOf('B'));
    lost = false;
    t.later();
    t.hold();
    const flush = t.box.flush(); // due: A, then B; A's delivery waits
    await vi.waitFor(() => expect(t.deps.deliver).toHaveBeenCalledTimes(3));
    expect(await t.box.cancel('id-0002')).toEqual({ status: 'returned', input: inputOf('B') });
    t.release();
    await flush;
    expect(t.desk.copies('id-0002')).toBe(0); // the user has B back as a draft: filing it too makes two
    expect(t.item.value).toEqual([]);
  });
});

describe('many operations at once', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('neither loses, duplicates nor revives a request (seed %i)', async (seed) => {
    const random = seeded(seed);
    const sleep = () => new Promise<void>((r) => setTimeout(r, random() * 4));
    const fates = ['ok', 'filed-then-lost', 'lost'] as const;
    const desk = memoryDesk({ delay: sleep, create: () => fates[Math.floor(random() * fates.length)]! });
    let now = 1000;
    const { box, item, sent } = setup(desk.adapter, { now: () => now, item: slowItem(random) });

    const submitted: string[] = [];
    const cancels: { id: string; answer: CancelResult | undefined; at: number }[] = [];
    let clock = 0;

    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const r = random();
      await new Promise((res) => setTimeout(res, random() * 2));
      if (r < 0.35 || submitted.length === 0) {
        ops.push(box.submit(inputOf(`Request ${i}`)).catch(() => undefined));
        submitted.push(`id-${String(submitted.length + 1).padStart(4, '0')}`);
      } else if (r < 0.6) {
        now += 30_000; // retries become due
        ops.push(box.flush());
      } else if (r < 0.85) {
        const id = submitted[Math.floor(random() * submitted.length)]!;
        ops.push(box.cancel(id).then((answer) => void cancels.push({ id, answer, at: clock++ })));
      } else {
        const id = submitted[Math.floor(random() * submitted.length)]!;
        ops.push(box.retry(id).catch(() => undefined) as Promise<SubmitResult | undefined>);
      }
    }
    await Promise.all(ops);

    const stored = item.value.map((s) => s.clientId);
    const returned = cancels.filter((c) => c.answer?.status === 'returned').map((c) => c.id);
    const cancelledFiled = cancels.filter((c) => c.answer?.status === 'filed').map((c) => c.id);
    const confirmed = new Set([...sent.map((o) => o.ticket.id)]);

    // Storage holds each request at most once, and only requests that were sent.
    expect(new Set(stored).size).toBe(stored.length);
    for (const id of stored) expect(submitted).toContain(id);
    for (const id of submitted) {
      // Filed at most once, whatever happened.
      expect(desk.copies(id)).toBeLessThanOrEqual(1);
      if (returned.includes(id)) {
        // Given back to be edited and sent again: gone from the outbox, and not at the desk
        // (else sending the edited draft would file it twice).
        expect(stored, `${id} was given back but is still queued`).not.toContain(id);
        expect(desk.copies(id), `${id} was given back to the user and also filed`).toBe(0);
      } else if (desk.copies(id) === 1) {
        // Filed: still queued (its answer was lost), or confirmed to the user.
        const ref = desk.filed.find((f) => f.request.body.includes(id))!.ref;
        if (!stored.includes(id)) expect(confirmed.has(ref.id) || cancelledFiled.includes(id), `${id} filed, then forgotten unconfirmed`).toBe(true);
      } else {
        // Neither filed nor given back: it must still be waiting.
        expect(stored, `${id} was lost`).toContain(id);
      }
    }
  });
});

describe('a create that may have landed though the answer said otherwise', () => {
  it('a gateway gave up (504) while the desk was still storing it: looked for until the desk had its time, filed once', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => 'gateway-late' });
    const { box, item } = setup(desk.adapter, { now: () => now });
    expect(await box.submit(inputOf('Door sticks'))).toMatchObject({ status: 'queued', error: { kind: 'server', status: 504 }, nextAt: 21_000 });
    expect(item.value[0]?.landingUntil).toBe(21_000);
    now = 4000; // a due retry in the window only looks
    await box.retry('id-0001');
    expect(desk.calls.create).toBe(1);
    desk.land();
    now = 21_001;
    await box.flush();
    expect(desk.copies('id-0001')).toBe(1);
    expect(item.value).toEqual([]);
  });

  it('a yes whose body was cut short is looked for, not held as a settings problem', async () => {
    let now = 1000;
    const desk = memoryDesk();
    const cut: DeskAdapter = {
      ...desk.adapter,
      createRequest: async (r) => {
        await desk.adapter.createRequest(r);
        throw new DeskFailure(deskError('not-api', { status: 201, detail: 'not JSON' }));
      },
    };
    const { box, item } = setup(cut, { now: () => now });
    const first = await box.submit(inputOf('Door sticks'));
    expect(first).toMatchObject({ status: 'queued', error: { kind: 'server', status: 201 } });
    expect(item.value[0]).toMatchObject({ held: false, landingUntil: 21_000 });
    now = 4000;
    expect(await box.retry('id-0001')).toMatchObject({ status: 'sent', outcome: { ticket: { id: '1' } } });
    expect(desk.copies('id-0001')).toBe(1);
  });
});

describe('a request refused on a later attempt', () => {
  it('is held in the outbox with the reason, and given back on cancel; never dropped unseen', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => (now < 5000 ? 'lost' : 'rejected') });
    const { box, item } = setup(desk.adapter, { now: () => now });
    expect(await box.submit(inputOf('Door sticks'))).toMatchObject({ status: 'queued', error: { kind: 'offline' } });
    now = 10_000;
    await box.flush();
    expect(item.value).toEqual([expect.objectContaining({ clientId: 'id-0001', held: true, lastError: expect.objectContaining({ kind: 'rejected' }) })]);
    expect(await box.retry('id-0001')).toMatchObject({ status: 'queued', error: { kind: 'rejected' } });
    expect(await box.cancel('id-0001')).toEqual<CancelResult>({ status: 'returned', input: inputOf('Door sticks') });
    expect(item.value).toEqual([]);
  });

  it('looks for an earlier copy before checking the fields again: a copy filed before a field became required is the answer', async () => {
    let now = 1000;
    const options: Parameters<typeof memoryDesk>[0] = { create: () => 'filed-then-lost' };
    const desk = memoryDesk(options);
    const { box, item, sent } = setup(desk.adapter, { now: () => now });
    expect(await box.submit(inputOf('Door sticks'))).toMatchObject({ status: 'queued' });
    options.fields = [{ id: '9', label: 'Cost centre', kind: 'text', required: true }];
    now = 10_000;
    await box.flush();
    expect(item.value).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(desk.copies('id-0001')).toBe(1);
  });
});

describe('the outbox wake-up', () => {
  /** One alarm, as lib/platform/surfaces.ts keeps it: each call replaces the last. */
  function oneAlarm(now: () => number) {
    let at: number | undefined;
    return { schedule: async (delayMs: number) => void (at = now() + delayMs), at: () => at };
  }

  it('is set again for a request waiting out its landing window after another one is filed, and after a flush with nothing due', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: (r) => (r.subject === 'B' ? 'timeout-lost' : 'ok') });
    const { box, deps, item } = setup(desk.adapter, { now: () => now });
    const alarm = oneAlarm(() => now);
    deps.schedule = alarm.schedule;
    expect(await box.submit(inputOf('B'))).toMatchObject({ status: 'queued', nextAt: 21_000 });
    now = 6000;
    expect(await box.submit(inputOf('A'))).toMatchObject({ status: 'sent' });
    expect(alarm.at()).toBe(21_000);
    now = 8000; // the in-worker timer A's attempt set fires: nothing due
    await box.flush();
    expect(alarm.at()).toBe(21_000);
    expect(item.value.map((s) => s.input.draft.subject)).toEqual(['B']);
  });
});

describe('files of a request found after an interruption', () => {
  it('are not added again when the desk cannot say which it holds: kept pending, checked again later', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => (now < 5000 ? 'filed-then-lost' : 'ok') });
    let readFails = 1;
    const adapter: DeskAdapter = {
      ...desk.adapter,
      readRequest: async (ref) => {
        if (readFails-- > 0) throw new DeskFailure(deskError('server', { status: 503 }));
        return desk.adapter.readRequest(ref);
      },
    };
    const { box, item } = setup(adapter, { now: () => now });
    const files = [{ name: 'error.log', type: 'text/plain', data: 'aGVsbG8=' }];
    expect(await box.submit(inputOf('Door sticks', files))).toMatchObject({ status: 'queued' });
    now = 10_000;
    expect(await box.retry('id-0001')).toMatchObject({ status: 'sent', outcome: { ticket: { id: '1' }, pendingAttachments: ['error.log'] } });
    expect(desk.calls.attach).toEqual([]);
    now = 80_000;
    await box.flush();
    expect(desk.calls.attach).toEqual([]); // it had them all along
    expect(desk.filed[0]?.attachments).toEqual(['error.log']);
    expect(item.value).toEqual([]);
  });
});

describe('Cancel and edit when the desk cannot be asked', () => {
  it('for a while (offline): nothing is given back, and it says why', async () => {
    let now = 1000;
    let down = true;
    const desk = memoryDesk({ create: () => 'lost' });
    const adapter: DeskAdapter = { ...desk.adapter, findRequest: async (r, since) => (down ? Promise.reject(new DeskFailure(deskError('offline'))) : desk.adapter.findRequest(r, since)) };
    const { box, item } = setup(adapter, { now: () => now });
    await box.submit(inputOf('Door sticks'));
    now = 5000;
    await expect(box.cancel('id-0001')).rejects.toMatchObject({ error: { kind: 'offline' } });
    expect(item.value.map((s) => s.clientId)).toEqual(['id-0001']);
    down = false;
    expect(await box.cancel('id-0001')).toEqual<CancelResult>({ status: 'returned', input: inputOf('Door sticks') });
  });

  it('signed out (a sign-in page): nothing is given back either; the desk may hold it', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => 'lost' });
    const adapter: DeskAdapter = { ...desk.adapter, findRequest: async () => Promise.reject(new DeskFailure(deskError('unauthorized', { detail: 'sign-in page' }))) };
    const { box, item } = setup(adapter, { now: () => now });
    await box.submit(inputOf('Door sticks'));
    now = 5000;
    await expect(box.cancel('id-0001')).rejects.toMatchObject({ error: { kind: 'unauthorized' } });
    expect(item.value.map((s) => s.clientId)).toEqual(['id-0001']);
  });

  it('for good (the desk removed from the settings): given back rather than held for ever', async () => {
    let now = 1000;
    const desk = memoryDesk({ create: () => 'lost' });
    let removed = false;
    const adapter: DeskAdapter = { ...desk.adapter, findRequest: async (r, since) => (removed ? Promise.reject(new DeskFailure(deskError('config', { detail: 'no such desk' }))) : desk.adapter.findRequest(r, since)) };
    const { box, item } = setup(adapter, { now: () => now });
    await box.submit(inputOf('Door sticks'));
    removed = true;
    now = 5000;
    expect(await box.cancel('id-0001')).toEqual<CancelResult>({ status: 'returned', input: inputOf('Door sticks') });
    expect(item.value).toEqual([]);
  });
});

describe('a popup still showing a request the alarm filed meanwhile', () => {
  it('Try now and Cancel and edit answer with where it went, and nothing is filed again', async () => {
    let now = 1000;
    let up = false;
    const desk = memoryDesk({ create: () => (up ? 'ok' : 'lost') });
    const { box, item, sent } = setup(desk.adapter, { now: () => now });
    expect(await box.submit(inputOf('Door sticks'))).toMatchObject({ status: 'queued', clientId: 'id-0001' });
    up = true;
    now = 60_000;
    await box.flush(); // the alarm, while the popup shows the queued screen
    expect(item.value).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(await box.retry('id-0001')).toMatchObject<SubmitResult>({ status: 'sent', outcome: { ticket: { deskId: 'd', id: '1' } } as SubmitOutcome });
    expect(await box.cancel('id-0001')).toMatchObject<CancelResult>({ status: 'filed', outcome: { ticket: { deskId: 'd', id: '1' } } as SubmitOutcome });
    expect(desk.copies('id-0001')).toBe(1);
    expect(sent).toHaveLength(1);
    // One this worker never filed is still unknown.
    expect(await box.retry('id-0099')).toBeUndefined();
    expect(await box.cancel('id-0099')).toBeUndefined();
  });

  it('a worker started again since still knows where it went (the browser session keeps the last 20)', async () => {
    let now = 1000;
    let up = false;
    const desk = memoryDesk({ create: () => (up ? 'ok' : 'lost') });
    const outbox = slowItem(() => 0, 0);
    let kept: Landed = [];
    const session: Item<Landed> = { getValue: async () => structuredClone(kept), setValue: async (v) => void (kept = structuredClone(v)) };
    const first = setup(desk.adapter, { now: () => now, item: outbox });
    const box = createOutbox({ ...first.deps, landed: session });
    for (let i = 1; i <= 22; i++) await box.submit(inputOf(`Request ${i}`));
    expect(outbox.value).toHaveLength(22);
    up = true;
    now = 60_000;
    await box.flush(); // the alarm; then the worker stops after 30 s without events
    expect(outbox.value).toEqual([]);
    expect(kept.map(([id]) => id)).toEqual(Array.from({ length: 20 }, (_, i) => `id-${String(i + 3).padStart(4, '0')}`));
    const again = setup(desk.adapter, { now: () => now, item: outbox });
    const restarted = createOutbox({ ...again.deps, landed: session });
    expect(await restarted.retry('id-0022')).toMatchObject({ status: 'sent', outcome: { ticket: { deskId: 'd' } } });
    expect(await restarted.cancel('id-0022')).toMatchObject({ status: 'filed', outcome: { ticket: { deskId: 'd' } } });
    // The oldest two are no longer kept: unknown, as a request taken back elsewhere.
    expect(await restarted.retry('id-0001')).toBeUndefined();
    expect(again.deps.deliver).not.toHaveBeenCalled();
    expect(desk.copies('id-0022')).toBe(1);
  });
});

describe('Cancel and edit while an attempt is sending the request', () => {
  it('takes nothing back and says it is being sent; once the attempt ended, the answer is where it went', async () => {
    let release!: () => void;
    let reached!: () => void;
    const reachedDesk = new Promise<void>((r) => (reached = r));
    const gate = new Promise<void>((r) => (release = r));
    let up = false;
    const desk = memoryDesk({ create: () => (up ? 'ok' : 'lost'), delay: () => (up ? (reached(), gate) : Promise.resolve()) });
    let now = 1000;
    const { box, item } = setup(desk.adapter, { now: () => now });
    await box.submit(inputOf('Door sticks'));
    up = true;
    now = 60_000;
    const flushing = box.flush();
    await reachedDesk;
    expect(await box.cancel('id-0001')).toEqual<CancelResult>({ status: 'sending' });
    expect(item.value.map((s) => s.clientId)).toEqual(['id-0001']);
    release();
    await flushing;
    expect(await box.cancel('id-0001')).toMatchObject({ status: 'filed', outcome: { ticket: { id: '1' } } });
    expect(desk.copies('id-0001')).toBe(1);
  });
});
