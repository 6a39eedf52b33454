// The submit pipeline: fresh field definitions → validate → create → read back → confirm.
import { composeBody, dataUrlToAttachment, keepContext, SCREENSHOT_NAME, type PageContext } from '../capture/context';
import type { Attachment, FieldSpec, FieldValue, NewRequest, RequestForm, StoredRequest, TicketRef } from '../domain';
import type { DeskAdapter } from '../desks/types';
import { DeskFailure, deskError, LANDING } from '../domain';
import { t } from '../i18n';
import type { Draft } from './draft';
import { cleanFields, validateDraft } from './validate';

export interface SubmitInput {
  draft: Draft;
  context: PageContext;
}

export interface SubmitOutcome {
  ticket: TicketRef;
  departmentName: string;
  /** Labels of values the desk did not keep although it accepted the request. */
  dropped: string[];
  /** The desk was re-read after filing and showed what it stored. */
  confirmed: boolean;
  /** Files the desk did not take yet: the request is filed, they are retried from the outbox. */
  pendingAttachments?: string[];
}

/** The same values, whatever the order; dates and times the same instant however written (a zone, seconds added). */
function same(a: string[], b: string[], kind?: FieldSpec['kind']): boolean {
  const instant = (v: string) => {
    // A time without a zone is this computer's; the desk may write it in another offset.
    const ms = Date.parse(/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(v) ? v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : v);
    return Number.isNaN(ms) ? v.trim() : String(Math.floor(ms / 60_000));
  };
  // A number the desk writes its own way ("250.00" kept as 250) is the same number.
  const number = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? String(Number(v)) : v.trim());
  const one = kind === 'datetime' ? instant : kind === 'date' ? (v: string) => v.trim().slice(0, 10) : kind === 'number' ? number : (v: string) => v.trim();
  const norm = (list: string[]) => list.map(one).sort().join('\u0000');
  return norm(a) === norm(b);
}

/** What the desk stored against what was sent: the labels of anything that did not land. */
export function droppedFields(form: RequestForm, sent: NewRequest, stored: StoredRequest): string[] {
  const dropped: string[] = [];
  // A desk may shorten a long subject (RT keeps 200 bytes): shortened is kept, changed is not.
  const kept = stored.subject.trim();
  if (!kept || !sent.subject.trim().startsWith(kept)) dropped.push(t('form.subject'));
  for (const spec of form.fields ?? []) {
    const value: FieldValue | undefined = sent.fields[spec.id];
    if (value === undefined) continue;
    const want = Array.isArray(value) ? value : [value];
    if (!same(want, stored.fields[spec.id] ?? [], spec.kind)) dropped.push(spec.label);
  }
  // Who we are may be unknown to a desk with no "who am I" (JSM) until its first request: not judged then.
  if (sent.requester.id && !stored.requesters.includes(sent.requester.id)) dropped.push(t('sent.requester'));
  return dropped;
}

/** The files a request carries: the screenshot (as edited) and what the user attached. */
export function filesOf(input: SubmitInput): Attachment[] {
  const context = keepContext(input.context, input.draft.excluded);
  const shot = context.screenshot ? dataUrlToAttachment(context.screenshot, SCREENSHOT_NAME) : undefined;
  return [...(shot ? [shot] : []), ...(input.context.files ?? [])];
}

export function buildRequest(form: RequestForm, input: SubmitInput, requester: NewRequest['requester'], clientId: string): NewRequest {
  const context = keepContext(input.context, input.draft.excluded);
  return {
    clientId,
    departmentId: input.draft.departmentId,
    formId: form.id,
    subject: input.draft.subject.trim(),
    body: composeBody(input.draft.description, context, clientId),
    fields: cleanFields(form, input.draft.fields),
    attachments: filesOf(input),
    requester,
  };
}

export { LANDING } from '../domain';

/**
 * Fields shown from storage (up to FIELDS_MAX_AGE_MS old) that are older than this are read
 * again while the person fills the form in (lib/background/handlers `form.fields`).
 */
export const FIELDS_REFRESH_AFTER_MS = 60_000;

/**
 * How old a form's fields read from the desk may be for a send to use them instead of reading
 * them again: a minute. Older ones are being read again since the form opened, and the send
 * waits for that read: a field the desk made mandatory meanwhile is one RT would take a create
 * without, silently, and neither its refusal nor the read-back would name it.
 */
export const SUBMIT_FIELDS_MAX_AGE_MS = FIELDS_REFRESH_AFTER_MS;

export interface Delivery {
  clientId: string;
  /** > 0: an earlier attempt may have reached the desk. */
  attempt: number;
  createdAt: number;
  /** false: only look for what a timed-out create may still file. */
  create?: boolean;
}

/**
 * Files one outbox submission. A retry (`attempt` > 0) first looks for what an interrupted
 * attempt may have filed, so a request is never filed twice.
 */
export async function submitRequest(
  adapter: DeskAdapter,
  header: Pick<RequestForm, 'deskId' | 'id' | 'name' | 'description' | 'departmentIds'>,
  departmentName: string,
  input: SubmitInput,
  delivery: Delivery,
  known?: FieldSpec[],
): Promise<SubmitOutcome> {
  // The desk's definitions, read once: `known` when read within the last minute or by the read
  // the form's opening started (see SUBMIT_FIELDS_MAX_AGE_MS), else now. A value removed since is caught here, by the desk's own
  // refusal (then read again, to name the field) or by the read-back after filing (`dropped`).
  const fresh = () => adapter.formFields(input.draft.formId);
  let form: RequestForm = { ...header, fields: known ?? (await fresh()) };
  const check = (f: RequestForm) => {
    const problems = validateDraft(f, input.draft);
    if (problems.length > 0) throw new DeskFailure(deskError('rejected', { field: problems[0]?.field, problems }));
  };
  const validate = async () => {
    try {
      check(form);
    } catch (err) {
      if (!known) throw err;
      // What we knew may be out of date: the desk's current definitions decide.
      form = { ...header, fields: await fresh() };
      check(form);
    }
  };
  // A retry looks for what an earlier attempt may have filed before anything else: a request the
  // desk holds is filed, whatever its form asks for since. A first attempt is checked first.
  if (delivery.attempt === 0) await validate();
  const requester = await adapter.whoAmI();
  const earlier = delivery.attempt > 0 ? await adapter.findRequest(buildRequest(form, input, requester, delivery.clientId), delivery.createdAt) : undefined;
  // Only looking (a create that may still land, or "Cancel and edit"): not there is the answer,
  // whatever the form asks for now (a request it refuses must still be taken back).
  if (!earlier && delivery.create === false) throw new DeskFailure(deskError('timeout', { detail: LANDING }));
  if (!earlier && delivery.attempt > 0) await validate();
  const request = buildRequest(form, input, requester, delivery.clientId);
  let ticket: TicketRef;
  let pending: Attachment[];
  if (earlier) {
    ticket = earlier;
    // Found after an interruption: files the first attempt did not get to are added now. When
    // the desk cannot say which it holds, none is added: all stay pending, to be checked again.
    const missing = await missingFiles(adapter, earlier, request.attachments).catch(() => undefined);
    pending = missing === undefined ? request.attachments : missing.length ? await attachOrKeep(adapter, ticket, missing) : [];
  } else {
    const created = await adapter.createRequest(request).catch(async (err: unknown) => {
      // Refused with definitions read moments ago: read them again to name what to fix.
      if (known && err instanceof DeskFailure && err.error.kind === 'rejected' && !err.error.problems) {
        const now = await fresh().catch(() => undefined);
        if (now) check({ ...header, fields: now });
      }
      throw err;
    });
    ticket = created.ref;
    pending = created.pendingAttachments;
  }
  // Filed either way; when the read-back fails we say it is unconfirmed rather than claim it.
  const stored = await adapter.readRequest(ticket).catch(() => undefined);
  // A desk that learns who we are from the request itself (JSM) knows it now.
  const me = request.requester.id ? request.requester : await adapter.whoAmI().catch(() => request.requester);
  return {
    ticket,
    departmentName,
    dropped: stored ? droppedFields(form, { ...request, requester: me }, stored) : [],
    confirmed: Boolean(stored),
    ...(pending.length ? { pendingAttachments: pending.map((f) => f.name) } : {}),
  };
}

/**
 * Files of the request the desk does not hold yet (by name), so a retry never adds one twice.
 * A failed read fails: what the desk holds is unknown, and adding them all could add them twice.
 */
export async function missingFiles(adapter: DeskAdapter, ref: TicketRef, files: Attachment[]): Promise<Attachment[]> {
  if (files.length === 0) return [];
  const stored = await adapter.readRequest(ref);
  if (!stored.attachments) return [];
  const have = [...stored.attachments];
  return files.filter((f) => {
    const i = have.indexOf(f.name);
    if (i < 0) return true;
    have.splice(i, 1);
    return false;
  });
}

async function attachOrKeep(adapter: DeskAdapter, ref: TicketRef, files: Attachment[]): Promise<Attachment[]> {
  try {
    await adapter.attach(ref, files);
    return [];
  } catch {
    return files;
  }
}

/** Adds the files a filed request is still missing (an outbox retry): only those the desk lacks. */
export async function completeAttachments(adapter: DeskAdapter, ref: TicketRef, files: Attachment[]): Promise<void> {
  const missing = await missingFiles(adapter, ref, files);
  if (missing.length) await adapter.attach(ref, missing);
}
