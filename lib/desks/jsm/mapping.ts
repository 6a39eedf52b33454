// Jira Service Management wire ↔ domain. Pure functions.
// - Departments: a service desk, or each of its request type groups when it has several.
// - Forms: request types, id `<service desk id>/<request type id>` (creating needs both).
// - Fields: request type fields; option values are Jira's option ids, labels their words.
import type { Department, DeskUser, FieldKind, FieldSpec, FieldValue, Message, NewRequest, RequestForm, StatusCategory, StoredRequest, TicketSummary } from '../../domain';
import type { JsmComment, JsmCreate, JsmDate, JsmField, JsmFieldValue, JsmGroup, JsmRequest, JsmRequestType, JsmServiceDesk, JsmUser } from './wire';

/** Fields the form has its own boxes for (subject, description) or its own way to send (files). */
const OWN_FIELDS = new Set(['summary', 'description', 'attachment']);

export const formId = (serviceDeskId: string, requestTypeId: string) => `${serviceDeskId}/${requestTypeId}`;

export function parseFormId(id: string): { serviceDeskId: string; requestTypeId: string } {
  const [serviceDeskId = '', requestTypeId = ''] = id.split('/');
  return { serviceDeskId, requestTypeId };
}

const groupDepartmentId = (desk: JsmServiceDesk, group: JsmGroup) => `${desk.id}:${group.id}`;

export const portalUrl = (base: string, serviceDeskId: string) => `${base}/servicedesk/customer/portal/${encodeURIComponent(serviceDeskId)}`;

/** One service desk's departments and forms. */
export function toCatalogPart(deskId: string, base: string, desk: JsmServiceDesk, groups: JsmGroup[], types: JsmRequestType[]): { departments: Department[]; forms: RequestForm[] } {
  const name = desk.projectName ?? desk.projectKey ?? desk.id;
  const split = groups.length > 1;
  const portal = portalUrl(base, desk.id);
  const whole: Department = { deskId, id: desk.id, name, description: '', portalUrl: portal };
  const byGroup = split
    ? groups.map((g) => ({ deskId, id: groupDepartmentId(desk, g), name: `${name} · ${g.name ?? g.id}`, description: '', portalUrl: `${portal}/group/${encodeURIComponent(g.id)}` }))
    : [];
  const forms: RequestForm[] = types.map((rt) => {
    const inGroups = split ? (rt.groupIds ?? []).filter((g) => groups.some((x) => x.id === g)).map((g) => `${desk.id}:${g}`) : [];
    return {
      deskId,
      id: formId(desk.id, rt.id),
      departmentIds: inGroups.length ? inGroups : [desk.id],
      name: rt.name ?? rt.id,
      description: (rt.description || rt.helpText || '').trim(),
    };
  });
  // The desk itself is listed only for what sits in no group.
  const departments = [...(split && !forms.some((f) => f.departmentIds.includes(desk.id)) ? [] : [whole]), ...byGroup];
  return { departments, forms };
}

const CUSTOM = 'com.atlassian.jira.plugin.system.customfieldtypes:';

function fieldKind(field: JsmField): FieldKind {
  const schema = field.jiraSchema;
  if (!schema) return 'unknown';
  const custom = schema.custom?.startsWith(CUSTOM) ? schema.custom.slice(CUSTOM.length) : undefined;
  switch (schema.type) {
    case 'string':
      return custom === 'textarea' || schema.system === 'environment' ? 'textarea' : custom && !['textfield', 'url'].includes(custom) ? 'unknown' : 'text';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'option':
    case 'priority':
      return 'select';
    case 'option-with-child':
      return 'cascade';
    case 'user':
      return 'user';
    case 'array':
      if (schema.items === 'option') return 'multiselect';
      if (schema.items === 'string') return 'labels';
      if (schema.items === 'user') return 'user';
      return 'unknown';
    default:
      return 'unknown';
  }
}

const toOption = (v: JsmFieldValue): { value: string; label: string; children?: { value: string; label: string }[] } => ({
  value: v.value ?? '',
  label: v.label ?? v.value ?? '',
  ...(v.children?.length ? { children: v.children.map((c) => ({ value: c.value ?? '', label: c.label ?? c.value ?? '' })) } : {}),
});

export function toFieldSpec(field: JsmField): FieldSpec | undefined {
  const id = field.fieldId;
  // A field the administrator hid from the portal (its value preset) is not the requester's to fill.
  if (!id || OWN_FIELDS.has(id) || field.visible === false) return undefined;
  const kind = fieldKind(field);
  const first = field.defaultValues?.[0];
  const def = first && kind === 'cascade' && first.children?.[0] ? `${first.value}/${first.children[0].value}` : first?.value;
  return {
    id,
    label: field.name ?? id,
    kind,
    required: Boolean(field.required),
    ...(field.validValues?.length && ['select', 'multiselect', 'cascade'].includes(kind) ? { options: field.validValues.map(toOption) } : {}),
    ...(field.description?.trim() ? { description: field.description.trim() } : {}),
    ...(def ? { default: def } : {}),
    ...(kind === 'unknown' ? { deskType: field.jiraSchema?.custom?.split(':').pop() ?? field.jiraSchema?.type ?? 'unknown' } : {}),
    ...(kind === 'user' && field.jiraSchema?.type === 'array' ? { multiple: true } : {}),
  };
}

export function toFields(fields: JsmField[]): FieldSpec[] {
  return fields.flatMap((f) => toFieldSpec(f) ?? []);
}

/** A value as Jira takes it in `requestFieldValues` (`dc`: Data Center, whose users are usernames). */
export function toJiraValue(spec: FieldSpec, value: FieldValue, dc = false): unknown {
  const list = Array.isArray(value) ? value : [value];
  const one = list[0] ?? '';
  switch (spec.kind) {
    case 'select':
      return { id: one };
    case 'multiselect':
      return list.map((id) => ({ id }));
    case 'cascade': {
      const [parent, child] = one.split('/');
      return child ? { id: parent, child: { id: child } } : { id: parent };
    }
    case 'labels':
      return list.flatMap((v) => v.split(/[,\s]+/)).filter(Boolean);
    case 'number':
      return Number(one);
    case 'user': {
      const user = (id: string) => (dc ? { name: id } : { accountId: id });
      return spec.multiple || spec.options ? list.filter(Boolean).map(user) : user(one);
    }
    case 'datetime':
      return jiraDateTime(one);
    default:
      return one;
  }
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * A date-time as Jira takes it (createCustomerRequest's field input formats: ISO 8601 with
 * seconds, milliseconds and the zone, "2015-11-18T14:39:00.000+1100"). The form's value
 * ("2026-12-06T10:30", a datetime-local input) is this computer's time; one with a zone keeps
 * its instant, written in this computer's offset.
 */
export function jiraDateTime(value: string): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const offset = -at.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}${pad(offset % 60)}`;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}${zone}`;
}

/** The create call; `described`: the request type has a description (else the text goes as a comment). */
export function toCreate(request: NewRequest, fields: FieldSpec[], dc = false, described = true): JsmCreate {
  const { serviceDeskId, requestTypeId } = parseFormId(request.formId);
  const values: Record<string, unknown> = { summary: request.subject, ...(described ? { description: request.body } : {}) };
  for (const spec of fields) {
    const value = request.fields[spec.id];
    if (value !== undefined) values[spec.id] = toJiraValue(spec, value, dc);
  }
  return { serviceDeskId, requestTypeId, requestFieldValues: values };
}

/** A stored value back as the strings we sent (option ids, `parent/child`, labels). */
export function fromJiraValue(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(fromJiraValue);
  if (typeof value === 'object') {
    const v = value as { id?: unknown; value?: unknown; accountId?: unknown; name?: unknown; child?: { id?: unknown }; iso8601?: unknown };
    if (v.child?.id !== undefined) return [`${String(v.id)}/${String(v.child.id)}`];
    if (v.id !== undefined) return [String(v.id)];
    if (v.accountId !== undefined) return [String(v.accountId)];
    if (v.name !== undefined) return [String(v.name)];
    if (v.value !== undefined) return [String(v.value)];
    // A date or time as a DateDTO.
    if (v.iso8601 !== undefined) return [String(v.iso8601)];
    return [];
  }
  return [String(value)];
}

export function fieldValue(request: JsmRequest, fieldId: string): unknown {
  return request.requestFieldValues?.find((f) => f.fieldId === fieldId)?.value;
}

export function toStoredRequest(request: JsmRequest, attachments: string[]): StoredRequest {
  const fields: Record<string, string[]> = {};
  for (const f of request.requestFieldValues ?? []) if (f.fieldId && !OWN_FIELDS.has(f.fieldId)) fields[f.fieldId] = fromJiraValue(f.value);
  return {
    subject: String(fieldValue(request, 'summary') ?? ''),
    fields,
    requesters: userIdOf(request.reporter) ? [userIdOf(request.reporter)] : [],
    attachments,
  };
}

/** Who a user is: Cloud's accountId, or Data Center's key (else username); '' when the desk does not say. */
export const userIdOf = (user: JsmUser | undefined): string => user?.accountId ?? user?.key ?? user?.name ?? '';

export const toUser = (user: JsmUser, email = ''): DeskUser => ({
  id: userIdOf(user),
  name: user.emailAddress ?? email,
  email: user.emailAddress ?? email,
  displayName: user.displayName ?? user.emailAddress ?? email,
  staff: false,
});

/** "Waiting for customer", "Pending reporter", "Waiting for you": the ball is in the requester's court. */
const WAITING = /\b(waiting for (the )?(customer|reporter|requester|you)|pending (customer|reporter|requester)|awaiting (customer|reporter|requester|your))\b/i;

export function statusCategory(status: string | undefined, category: string | undefined): StatusCategory {
  if (category === 'DONE') return 'done';
  return WAITING.test(status ?? '') ? 'waiting' : 'open';
}

const millis = (d: JsmDate | undefined) => d?.epochMillis ?? (d?.iso8601 ? Date.parse(d.iso8601) : 0);

/** The newest public comment in an expanded listing. */
function lastComment(request: JsmRequest): JsmComment | undefined {
  const list = request.comments?.values ?? [];
  return list.reduce<JsmComment | undefined>((best, c) => (!best || millis(c.created) >= millis(best.created) ? c : best), undefined);
}

export function toSummary(deskId: string, base: string, request: JsmRequest): TicketSummary {
  const key = request.issueKey ?? request.issueId ?? '';
  const comment = lastComment(request);
  const updated = Math.max(millis(request.createdDate), millis(request.currentStatus?.statusDate), millis(comment?.created));
  const status = request.currentStatus?.status ?? '';
  return {
    ref: { deskId, id: key, key, url: request._links?.web ?? `${portalUrl(base, request.serviceDeskId ?? '')}/${encodeURIComponent(key)}` },
    subject: String(fieldValue(request, 'summary') ?? key),
    departmentId: request.serviceDeskId ?? '',
    formId: formId(request.serviceDeskId ?? '', request.requestTypeId ?? ''),
    status,
    category: statusCategory(status, request.currentStatus?.statusCategory),
    updated: new Date(updated || 0).toISOString(),
    ...(millis(request.createdDate) ? { created: new Date(millis(request.createdDate)).toISOString() } : {}),
    // Comments do not move the status date: their count and newest id tell a new reply.
    version: [status, millis(request.currentStatus?.statusDate), request.comments?.size ?? 0, comment?.id ?? ''].join('|'),
  };
}

export function toActivity(comments: JsmComment[], me: string) {
  const last = comments.at(-1);
  const reply = [...comments].reverse().find((c) => userIdOf(c.author) !== me);
  return {
    ...(last?.id ? { lastTxnId: last.id } : {}),
    ...(reply?.id
      ? {
          lastStaffReply: {
            id: reply.id,
            at: new Date(millis(reply.created)).toISOString(),
            author: reply.author?.displayName ?? '',
            excerpt: (reply.body ?? '').trim().replace(/\s+/g, ' ').slice(0, 140),
          },
        }
      : {}),
  };
}

/** The request's own text first, then the public comments, oldest first. */
export function toMessages(request: JsmRequest, comments: JsmComment[], files: { filename?: string; mimeType?: string }[]): Message[] {
  const me = userIdOf(request.reporter);
  const inComments = new Set(comments.flatMap((c) => (c.attachments?.values ?? []).map((a) => a.filename)));
  const first: Message = {
    id: `${request.issueKey}:request`,
    at: new Date(millis(request.createdDate)).toISOString(),
    author: request.reporter?.displayName ?? '',
    mine: true,
    text: String(fieldValue(request, 'description') ?? ''),
    attachments: files.filter((f) => !inComments.has(f.filename)).map((f) => ({ name: f.filename ?? '', type: f.mimeType ?? '' })),
  };
  return [
    // A request type without a description: the text is the first comment, nothing to show here.
    ...(first.text || first.attachments.length ? [first] : []),
    ...comments
      .filter((c) => c.public !== false)
      .map((c) => ({
        id: c.id ?? '',
        at: new Date(millis(c.created)).toISOString(),
        author: c.author?.displayName ?? '',
        mine: Boolean(me) && userIdOf(c.author) === me,
        text: c.body ?? '',
        attachments: (c.attachments?.values ?? []).map((a) => ({ name: a.filename ?? '', type: a.mimeType ?? '' })),
      })),
  ];
}
