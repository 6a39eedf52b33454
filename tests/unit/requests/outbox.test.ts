import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOutbox } from '@/lib/background/outbox';
import type { NewRequest, TicketRef } from '@/lib/domain';
import type { DeskAdapter } from '@/lib/desks/types';
import { DeskFailure, deskError } from '@/lib/domain';
import { outboxItem } from '@/lib/platform/storage';
import { retryDelayMs, type Submission } from '@/lib/requests/outbox';
import { LANDING, submitRequest, type SubmitInput, type SubmitOutcome } from '@/lib/requests/submit';
import { facilities } from '../support/catalog';

const input: SubmitInput = {
  draft: { deskId: 'd', departmentId: '3', formId: '3', subject: 'Door sticks', description: 'It sticks.', fields: {}, excluded: [], updatedAt: 0 },
  context: { redactions: 0, gaps: [] },
};
const outcome: SubmitOutcome = { ticket: { deskId: 'd', id: '1', key: '#1', url: 'u' }, departmentName: 'Facilities', dropped: [], confirmed: true };

describe('retryDelayMs', () => {
  const mid = () => 0.5; // no jitter
  it.each([
    [1, {}, 2000],
    [2, {}, 4000],
    [4, {}, 16000],
    [20, {}, 600000],
    [1, { retryAfterMs: 30000 }, 30000],
  ])('attempt %i %o → %i ms', (attempts, extra, ms) => {
    expect(retryDelayMs(attempts, { kind: 'server', retryable: true, ...extra }, mid)).toBe(ms);
  });
  it('spreads retries with jitter', () => {
    expect(retryDelayMs(2, { kind: 'server', retryable: true }, () => 0)).toBe(2000);
    expect(retryDelayMs(2, { kind: 'server', retryable: true }, () => 1)).toBe(6000);
  });
});

describe('outbox', () => {
  beforeEach(() => fakeBrowser.reset());

  function outbox(deliver: (s: Submission, attempt: number, create: boolean) => Promise<SubmitOutcome>, now = () => 1000) {
    const deps = { outbox: outboxItem, deliver: vi.fn(deliver), now, newId: () => 'c1', schedule: vi.fn(async () => undefined), onSent: vi.fn(), landingMs: async () => 20_000 };
    return { box: createOutbox(deps), deps };
  }

  it('stores the request before sending, and forgets it once filed', async () => {
    let storedDuringSend: Submission[] = [];
    const { box, deps } = outbox(async () => {
      storedDuringSend = await outboxItem.getValue();
      return outcome;
    });
    await expect(box.submit(input)).resolves.toEqual({ status: 'sent', outcome });
    expect(storedDuringSend.map((s) => [s.clientId, s.attempts])).toEqual([['c1', 1]]);
    expect(await outboxItem.getValue()).toEqual([]);
    expect(deps.onSent).toHaveBeenCalledWith(outcome);
  });

  it('keeps a request the desk could not take, and schedules the retry', async () => {
    const { box, deps } = outbox(async () => Promise.reject(new DeskFailure(deskError('rate-limited', { retryAfterMs: 45_000 }))));
    const result = await box.submit(input);
    expect(result).toMatchObject({ status: 'queued', clientId: 'c1', nextAt: 46_000 });
    expect(deps.schedule).toHaveBeenLastCalledWith(45_000);
    expect((await outboxItem.getValue())[0]).toMatchObject({ attempts: 1, held: false, lastError: { kind: 'rate-limited' } });
  });

  it('after a create timed out, only looks for the request until it could have landed', async () => {
    let now = 1000;
    let landed = false;
    const creates: number[] = [];
    const { box, deps } = outbox(async (_s, _attempt, create) => {
      if (landed) return outcome; // the look finds what the timed-out create filed
      if (!create) return Promise.reject(new DeskFailure(deskError('timeout', { detail: LANDING })));
      creates.push(now);
      return Promise.reject(new DeskFailure(deskError('timeout')));
    }, () => now);
    expect(await box.submit(input)).toMatchObject({ status: 'queued', nextAt: 21_000 });
    now = 2000; // "Try now" at once: it looks, finds nothing yet, and files nothing
    expect(await box.retry('c1')).toMatchObject({ status: 'queued', error: { detail: LANDING }, nextAt: 21_000 });
    expect(deps.deliver).toHaveBeenLastCalledWith(expect.anything(), 1, false);
    landed = true; // the slow desk finishes the first create
    now = 3000;
    expect(await box.retry('c1')).toEqual({ status: 'sent', outcome });
    expect(creates).toEqual([1000]);
  });

  it('files anew once the landing window has passed', async () => {
    let now = 1000;
    const { box, deps } = outbox(async (_s, _a, create) => (create && now > 1000 ? outcome : Promise.reject(new DeskFailure(deskError('timeout')))), () => now);
    await box.submit(input);
    now = 21_001;
    expect(await box.retry('c1')).toEqual({ status: 'sent', outcome });
    expect(deps.deliver).toHaveBeenLastCalledWith(expect.anything(), 1, true);
  });

  it('holds a request for the user when signing in is needed, until "Try now"', async () => {
    let signedIn = false;
    const { box } = outbox(async () => (signedIn ? outcome : Promise.reject(new DeskFailure(deskError('unauthorized')))));
    expect(await box.submit(input)).toMatchObject({ status: 'queued', error: { kind: 'unauthorized' } });
    await box.flush();
    expect((await outboxItem.getValue())[0]?.held).toBe(true);
    signedIn = true;
    expect(await box.retry('c1')).toEqual({ status: 'sent', outcome });
  });

  it('returns a refused request to the form instead of retrying it', async () => {
    const { box } = outbox(async () => Promise.reject(new DeskFailure(deskError('rejected', { field: '4' }))));
    await expect(box.submit(input)).rejects.toMatchObject({ error: { kind: 'rejected' } });
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('after a worker died mid-send, the next worker retries as a possible duplicate', async () => {
    const first = outbox(() => new Promise(() => {})); // the worker is killed while this hangs
    void first.box.submit(input);
    await vi.waitFor(async () => expect((await outboxItem.getValue())[0]?.attempts).toBe(1));
    const later = outbox(async () => outcome, () => 60_000);
    await later.box.flush();
    expect(later.deps.deliver).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'c1' }), 1, true);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('gives a cancelled request back to be edited', async () => {
    // The send failed; the look cancel makes first (attempt 1, create false) does not find it.
    const { box, deps } = outbox(async (_s, _a, create) =>
      Promise.reject(new DeskFailure(create ? deskError('offline') : deskError('timeout', { detail: LANDING }))),
    );
    await box.submit(input);
    // Changed on purpose: cancel answers with a CancelResult, after asking the desk for a copy.
    expect(await box.cancel('c1')).toEqual({ status: 'returned', input });
    expect(deps.deliver).toHaveBeenLastCalledWith(expect.objectContaining({ clientId: 'c1' }), 1, false);
    expect(await outboxItem.getValue()).toEqual([]);
  });
});

describe('exactly once', () => {
  const form = facilities().form;

  /** A desk that files the request and then loses the answer, as a dropped connection does. */
  function flakyDesk() {
    const filed: NewRequest[] = [];
    const ref = (i: number): TicketRef => ({ deskId: 'd', id: String(i + 1), key: `#${i + 1}`, url: 'u' });
    const adapter = {
      formFields: async () => [],
      whoAmI: async () => ({ id: '1', name: 'alice', email: 'a@x', displayName: 'Alice', staff: false }),
      createRequest: async (r: NewRequest) => {
        filed.push(r);
        throw new DeskFailure(deskError('offline', { detail: 'connection reset after sending' }));
      },
      findRequest: async (r: NewRequest) => {
        const i = filed.findIndex((f) => f.body.includes(r.clientId));
        return i >= 0 ? ref(i) : undefined;
      },
      readRequest: async () => ({ subject: 'Door sticks', fields: {}, requesters: ['1'] }),
    } as unknown as DeskAdapter;
    return { adapter, filed };
  }

  it('files once although the first answer was lost: the retry finds it by its reference', async () => {
    const { adapter, filed } = flakyDesk();
    const delivery = { clientId: 'c-42', createdAt: 0 };
    await expect(submitRequest(adapter, form, 'Facilities', input, { ...delivery, attempt: 0 })).rejects.toMatchObject({ error: { kind: 'offline' } });
    const second = await submitRequest(adapter, form, 'Facilities', input, { ...delivery, attempt: 1 });
    expect(second.ticket.key).toBe('#1');
    expect(filed).toHaveLength(1);
    expect(filed[0]?.body).toContain('Sent with Instant Desk · ref. c-42');
  });

  it('sends the files the user attached after the screenshot', async () => {
    const { adapter, filed } = flakyDesk();
    const withFiles = { ...input, context: { ...input.context, screenshot: 'data:image/png;base64,iVBORw0KGgo=', files: [{ name: 'error.log', type: 'text/plain', data: 'aGVsbG8=' }] } };
    await expect(submitRequest(adapter, form, 'Facilities', withFiles, { clientId: 'c-44', createdAt: 0, attempt: 0 })).rejects.toBeDefined();
    expect(filed[0]?.attachments.map((a) => a.name)).toEqual(['screenshot.png', 'error.log']);
  });

  it('a look-only attempt files nothing when the request has not landed yet', async () => {
    const { adapter, filed } = flakyDesk();
    const delivery = { clientId: 'c-43', createdAt: 0, attempt: 1, create: false };
    await expect(submitRequest(adapter, form, 'Facilities', input, delivery)).rejects.toMatchObject({ error: { kind: 'timeout', detail: LANDING } });
    expect(filed).toHaveLength(0);
  });
});
