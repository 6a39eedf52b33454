// ONE contract every desk adapter keeps, whatever the desk: RT against the real Request Tracker,
// JSM and Zendesk against their stateful test servers (every call checked against the vendor's
// OpenAPI document). Each desk supplies an employee's adapter, a form with a select field, and
// the staff actions and faults the scenarios need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBody, withoutReference } from '@/lib/capture/context';
import type { DeskAdapter } from '@/lib/desks/types';
import { mayHaveLanded } from '@/lib/requests/outbox';
import { toDeskError, type Attachment, type DeskErrorKind, type FieldValue, type NewRequest, type TicketRef } from '@/lib/domain';

export interface ContractDesk {
  adapter: DeskAdapter;
  /** The same desk with credentials it refuses. */
  refused: DeskAdapter;
  /** A form with a select field, and values for every other required field. */
  form: { id: string; departmentId: string; select: { field: string; value: string }; fill?: Record<string, FieldValue> };
  staff: {
    /** Moves the request to "waiting for the requester". */
    wait(ref: TicketRef): Promise<void>;
    resolve(ref: TicketRef): Promise<void>;
    reply(ref: TicketRef, text: string): Promise<void>;
    /** An internal note the requester must never see. */
    note(ref: TicketRef, text: string): Promise<void>;
    files(ref: TicketRef): Promise<{ name: string; bytes: Buffer }[]>;
  };
  /** Each way the desk fails (as it does: status, body, page), the call that meets it, and the kind it must map to. */
  faults: { what: string; kind: DeskErrorKind; provoke: () => Promise<unknown> }[];
  /** A gateway in front of the desk answers the next create itself: 200 with this JSON, the desk never sees it. */
  gatewayAnswersCreate(body: string): void;
  /** Calls the desk's checker refused (vendor specification), if it has one. */
  violations?(): string[];
  close(): Promise<void>;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from('Grüße aus Köln — ünïcödé\n', 'utf8');

export function files(): Attachment[] {
  return [
    { name: 'screenshot.png', type: 'image/png', data: PNG.toString('base64') },
    { name: 'notes.txt', type: 'text/plain', data: TEXT.toString('base64') },
  ];
}

async function failure(run: () => Promise<unknown>): Promise<DeskErrorKind | 'none'> {
  try {
    await run();
    return 'none';
  } catch (err) {
    return toDeskError(err).kind;
  }
}

/**
 * The desk's fetch with a gateway in front of it for creates (`isCreate`): armed, it answers the
 * next one itself, 200 with the JSON given (a proxy's or gateway's own answer).
 */
export function gatewayFetch(through: (input: string, init?: RequestInit) => Promise<Response>, isCreate: (url: URL, init?: RequestInit) => boolean) {
  let armed: string | undefined;
  return {
    fetch: async (input: string, init?: RequestInit) => {
      if (armed === undefined || !isCreate(new URL(input), init)) return through(input, init);
      const body = armed;
      armed = undefined;
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    },
    answerNextCreate: (body: string) => void (armed = body),
  };
}

export function describeContract(name: string, open: () => Promise<ContractDesk>) {
  describe(`desk contract: ${name}`, () => {
    let desk: ContractDesk;
    let filed: TicketRef;
    let request: NewRequest;
    const since = Date.now();

    beforeAll(async () => {
      desk = await open();
    }, 120_000);
    afterAll(async () => {
      const violations = desk?.violations?.() ?? [];
      await desk?.close();
      expect(violations, 'calls the vendor specification does not allow').toEqual([]);
    });

    function newRequest(clientId: string, subject: string): NewRequest {
      return {
        clientId,
        departmentId: desk.form.departmentId,
        formId: desk.form.id,
        subject,
        // As the extension writes it: the page block, then the reference in the footer.
        body: composeBody('The contract suite filed this — Grüße aus Köln, 東京.', { url: 'https://intranet.example/rooms', redactions: 0, gaps: [] }, clientId),
        fields: { ...desk.form.fill, [desk.form.select.field]: desk.form.select.value },
        attachments: files(),
        requester: { id: '', name: '', email: '', displayName: '', staff: false },
      };
    }

    it('lists departments and form headers, and a form\'s fields with {value, label} options', async () => {
      const catalog = await desk.adapter.listCatalog();
      expect(catalog.departments.length).toBeGreaterThan(0);
      const form = catalog.forms.find((f) => f.id === desk.form.id);
      expect(form, 'the contract form is listed').toBeDefined();
      expect(form?.fields, 'headers only: fields come lazily').toBeUndefined();
      for (const f of catalog.forms) for (const d of f.departmentIds) expect(catalog.departments.some((x) => x.id === d)).toBe(true);
      expect(form?.departmentIds).toContain(desk.form.departmentId);
      const fields = await desk.adapter.formFields(desk.form.id);
      const select = fields.find((f) => f.id === desk.form.select.field);
      expect(select?.kind).toBe('select');
      expect(select?.options?.some((o) => o.value === desk.form.select.value && o.label.length > 0)).toBe(true);
    });

    it('creates with a select value and two attachments, and reads it back', async () => {
      const me = await desk.adapter.whoAmI();
      request = { ...newRequest(crypto.randomUUID(), `Contract check ${name} — ünïcödé ✓`), requester: me };
      const created = await desk.adapter.createRequest(request);
      filed = created.ref;
      expect(created.pendingAttachments).toEqual([]);
      expect(filed.key).not.toBe('');
      expect(filed.url).toMatch(/^https?:\/\//);
      const stored = await desk.adapter.readRequest(filed);
      expect(stored.subject).toBe(request.subject);
      expect(stored.fields[desk.form.select.field]).toEqual([desk.form.select.value]);
      const me2 = await desk.adapter.whoAmI();
      expect(stored.requesters).toContain(me2.id);
      const kept = await desk.staff.files(filed);
      for (const f of request.attachments) {
        const got = kept.find((k) => k.name === f.name);
        expect(got?.bytes.equals(Buffer.from(f.data, 'base64')), `${f.name} byte for byte`).toBe(true);
      }
    });

    it('finds an interrupted create by its reference, and nothing for another', async () => {
      expect((await desk.adapter.findRequest(request, since))?.key).toBe(filed.key);
      // The clock of this computer may be off: an hour either way still finds it.
      expect((await desk.adapter.findRequest(request, since + 60 * 60 * 1000))?.key).toBe(filed.key);
      expect(await desk.adapter.findRequest(newRequest(crypto.randomUUID(), request.subject), since)).toBeUndefined();
    });

    it('lists my requests, then only what changed: a status change and a staff reply', async () => {
      const first = await desk.adapter.listMyRequests({ includeOpen: true });
      const mine = first.requests.find((r) => r.ref.key === filed.key);
      expect(mine?.category).toBe('open');
      expect(first.cursor).toBeDefined();
      await new Promise((r) => setTimeout(r, 1100)); // desks keep times in whole seconds
      await desk.staff.reply(filed, 'We are on it: which floor?');
      await desk.staff.wait(filed);
      const next = await desk.adapter.listMyRequests({ cursor: first.cursor, includeOpen: false });
      const changed = next.requests.find((r) => r.ref.key === filed.key);
      expect(changed, 'the changed request is listed').toBeDefined();
      expect(changed?.category).toBe('waiting');
      expect(changed?.updated !== mine?.updated || changed?.version !== mine?.version).toBe(true);
      const activity = await desk.adapter.recentActivity(filed);
      expect(activity.lastStaffReply?.excerpt).toContain('which floor');
    });

    it('notices a staff reply after more than a page of them (a long conversation)', async () => {
      const { ref: long } = await desk.adapter.createRequest({ ...newRequest(crypto.randomUUID(), 'A long conversation'), attachments: [], requester: request.requester });
      // Jira embeds at most 50 comments in a listing, oldest first: the newest are on later pages.
      for (let i = 1; i <= 55; i++) await desk.staff.reply(long, `Reply ${i}`);
      const first = await desk.adapter.listMyRequests({ includeOpen: true });
      const before = first.requests.find((r) => r.ref.key === long.key);
      expect(before, 'listed').toBeDefined();
      await new Promise((r) => setTimeout(r, 1100)); // desks keep times in whole seconds
      await desk.staff.reply(long, 'Reply 56: which floor?');
      const next = await desk.adapter.listMyRequests({ cursor: first.cursor, includeOpen: false });
      const after = next.requests.find((r) => r.ref.key === long.key);
      expect(after, 'listed as changed').toBeDefined();
      expect(after?.updated).not.toBe(before?.updated);
      expect(after?.updated && after.updated > (first.cursor ?? '')).toBe(true);
      expect((await desk.adapter.recentActivity(long)).lastStaffReply?.excerpt).toContain('Reply 56');
    }, 60_000);

    it('shows the public conversation only, and takes a reply', async () => {
      await desk.staff.note(filed, 'INTERNAL: check the budget first');
      await desk.adapter.reply(filed, 'Third floor, thank you — danke!', []);
      const messages = await desk.adapter.conversation(filed);
      const texts = messages.map((m) => m.text).join('\n');
      expect(texts).not.toContain('INTERNAL');
      expect(texts).toContain('which floor');
      expect(messages[0]?.mine).toBe(true);
      // The first message comes back with its reference, which the requester's view leaves out.
      expect(messages[0]?.text).toContain(request.clientId);
      expect(withoutReference(messages[0]?.text ?? '')).toContain('Grüße aus Köln, 東京.');
      expect(withoutReference(messages[0]?.text ?? '')).not.toContain(request.clientId);
      const reply = messages.find((m) => m.text.includes('danke'));
      expect(reply?.mine).toBe(true);
      const staffReply = messages.find((m) => m.text.includes('which floor'));
      expect(staffReply?.mine).toBe(false);
    });

    it('a resolved request is done', async () => {
      await desk.staff.resolve(filed);
      const listed = await desk.adapter.listMyRequests({ includeOpen: true });
      const done = listed.requests.find((r) => r.ref.key === filed.key);
      if (done) expect(done.category).toBe('done');
      const changed = await desk.adapter.listMyRequests({ cursor: new Date(Date.now() - 60 * 60 * 1000).toISOString(), includeOpen: false });
      expect(changed.requests.find((r) => r.ref.key === filed.key)?.category).toBe('done');
    });

    it("a first look (every open one, and what changed since its horizon) lists a request done within the horizon, and not one done before it", async () => {
      const within = await desk.adapter.listMyRequests({ cursor: new Date(Date.now() - 60 * 60 * 1000).toISOString(), includeOpen: true });
      const done = within.requests.find((r) => r.ref.key === filed.key);
      expect(done?.category).toBe('done');
      // A horizon after it was resolved, by the desk's clock (2 s on: desks keep whole seconds, and
      // a change in the cursor's own second is listed again): done and unchanged since, left out.
      const later = new Date(Date.parse(done!.updated) + 2000).toISOString();
      const after = await desk.adapter.listMyRequests({ cursor: later, includeOpen: true });
      expect(after.requests.find((r) => r.ref.key === filed.key)).toBeUndefined();
      // RT lists again what changed in the second before its cursor (its times have whole seconds).
      expect(after.requests.filter((r) => r.category === 'done' && Date.parse(r.updated) < Date.parse(later) - 1000)).toEqual([]);
    });

    it("does not take a yes that names no request for a filing: it may have landed, and is looked for before filing again", async () => {
      for (const body of ['{}', '{"status":"ok"}', 'null']) {
        desk.gatewayAnswersCreate(body);
        const answer = await desk.adapter.createRequest(newRequest(crypto.randomUUID(), 'Answered by a gateway')).then(
          (created) => created.ref,
          (err: unknown) => toDeskError(err),
        );
        expect(answer, body).toMatchObject({ kind: 'not-api' });
        expect(mayHaveLanded(answer as ReturnType<typeof toDeskError>), body).toBe(true);
      }
    });

    it('maps each way the desk fails to one error kind', async () => {
      expect(await failure(() => desk.refused.listCatalog())).toBe('unauthorized');
      for (const { what, kind, provoke } of desk.faults) expect(await failure(provoke), what).toBe(kind);
    });
  });
}
