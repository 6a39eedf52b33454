// The submit pipeline: fresh field definitions → validate → create → read back → confirm.
import { composeBody, dataUrlToAttachment, keepContext, SCREENSHOT_NAME, type PageContext } from '../capture/context';
import type { Attachment, Department, DeskAdapter, FieldValue, NewRequest, RequestForm, StoredRequest, TicketRef } from '../desks/types';
import { DeskFailure, deskError } from '../http/errors';
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
}

function same(a: string[], b: string[]): boolean {
  const norm = (list: string[]) => list.map((v) => v.trim()).sort().join('\u0000');
  return norm(a) === norm(b);
}

/** What the desk stored against what was sent: the labels of anything that did not land. */
export function droppedFields(form: RequestForm, sent: NewRequest, stored: StoredRequest): string[] {
  const dropped: string[] = [];
  if (stored.subject.trim() !== sent.subject.trim()) dropped.push('Subject');
  for (const spec of form.fields) {
    const value: FieldValue | undefined = sent.fields[spec.id];
    if (value === undefined) continue;
    const want = Array.isArray(value) ? value : [value];
    if (!same(want, stored.fields[spec.id] ?? [])) dropped.push(spec.label);
  }
  const me = [sent.requester.name, sent.requester.email].filter(Boolean);
  if (!stored.requesters.some((r) => me.includes(r))) dropped.push('Requestor');
  return dropped;
}

export function buildRequest(form: RequestForm, input: SubmitInput, requester: NewRequest['requester'], clientId: string): NewRequest {
  const context = keepContext(input.context, input.draft.excluded);
  const attachments: Attachment[] = [];
  const shot = context.screenshot ? dataUrlToAttachment(context.screenshot, SCREENSHOT_NAME) : undefined;
  if (shot) attachments.push(shot);
  attachments.push(...(input.context.files ?? []));
  return {
    clientId,
    departmentId: form.departmentId,
    formId: form.id,
    subject: input.draft.subject.trim(),
    body: composeBody(input.draft.description, context, clientId),
    fields: cleanFields(form, input.draft.fields),
    attachments,
    requester,
  };
}

/** The detail of a look-only attempt that did not find the request yet: it may still land. */
export const LANDING = 'not landed yet';

/**
 * Files one outbox submission. A retry (`attempt` > 0) first looks for what an interrupted
 * attempt may have filed, so a request is never filed twice.
 */
export async function submitRequest(
  adapter: DeskAdapter,
  department: Department,
  input: SubmitInput,
  delivery: { clientId: string; attempt: number; createdAt: number; create?: boolean },
): Promise<SubmitOutcome> {
  // The desk's current definitions, not the cached catalog: a value removed since is caught here.
  const forms = await adapter.listForms(department);
  const form = forms.find((f) => f.id === input.draft.formId);
  if (!form) throw new DeskFailure(deskError('not-found', { detail: 'form' }));
  const problems = validateDraft(form, input.draft);
  if (problems.length > 0) {
    throw new DeskFailure(deskError('rejected', { field: problems[0]?.field, problems }));
  }
  const requester = await adapter.whoAmI();
  const request = buildRequest(form, input, requester, delivery.clientId);
  const earlier = delivery.attempt > 0 ? await adapter.findRequest(request, delivery.createdAt) : undefined;
  if (!earlier && delivery.create === false) throw new DeskFailure(deskError('timeout', { detail: LANDING }));
  const ticket = earlier ?? (await adapter.createRequest(request));
  // Filed either way; when the read-back fails we say it is unconfirmed rather than claim it.
  const stored = await adapter.readRequest(ticket).catch(() => undefined);
  return {
    ticket,
    departmentName: department.name,
    dropped: stored ? droppedFields(form, request, stored) : [],
    confirmed: Boolean(stored),
  };
}
