// Zendesk Support wire ↔ domain. Pure functions.
// - Departments: one per ticket form the requester may use. Zendesk has no requester-visible
//   grouping above forms (groups are agent-side routing; brands are separate help centers, and an
//   internal desk has one), and accounts serving HR, IT and facilities keep one form per team
//   ("IT support", "Facilities request", "HR question"): the form is the team people think of.
//   The department and its form share the form's id.
// - Forms: end-user-visible ticket forms; fields: ticket fields requesters see and may edit, in
//   the form's order. Option values are Zendesk tags, labels the option names.
// - Values go out as Zendesk takes them: a tag, a list of tags, a boolean, a number.
import type {
  Activity,
  Department,
  DeskUser,
  FieldSpec,
  FieldValue,
  Message,
  NewRequest,
  Rating,
  RequestForm,
  StatusCategory,
  StoredRequest,
  TicketRef,
  TicketSummary,
} from '../../domain';
import type { ZdComment, ZdCreateRequest, ZdCustomField, ZdFieldOption, ZdFieldValue, ZdRequest, ZdTicketField, ZdTicketForm, ZdUser } from './wire';

/** The form's own boxes (subject, description), not FieldSpecs. */
const OWN_FIELDS = new Set(['subject', 'description']);
/** System fields requesters may set, sent as the request's own properties under these ids. */
const SYSTEM_FIELDS: Record<string, 'priority' | 'type'> = { priority: 'priority', tickettype: 'type' };

export const helpCenter = (base: string) => `${base}/hc`;

export const ticketRef = (deskId: string, base: string, id: number | string): TicketRef => ({
  deskId,
  id: String(id),
  key: `#${id}`,
  url: `${helpCenter(base)}/requests/${id}`,
});

export function toCatalog(deskId: string, base: string, forms: ZdTicketForm[]): { departments: Department[]; forms: RequestForm[] } {
  const usable = forms.filter((f) => f.end_user_visible !== false && f.active !== false).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  return {
    departments: usable.map((f) => ({
      deskId,
      id: String(f.id),
      name: f.display_name || f.name,
      description: '',
      portalUrl: `${helpCenter(base)}/requests/new?ticket_form_id=${f.id}`,
    })),
    forms: usable.map((f) => ({ deskId, id: String(f.id), departmentIds: [String(f.id)], name: f.display_name || f.name, description: '' })),
  };
}

/** Nested drop-down options are named `Parent::Child`. */
const optionsOf = (list: ZdFieldOption[] | undefined) => (list ?? []).map((o) => ({ value: o.value ?? '', label: (o.name ?? o.value ?? '').split('::').join(' › ') }));

// Ruby's POSIX classes, used inside brackets (`[[:xdigit:]_]`), that mean the same here. The
// others (alpha, alnum, upper, lower, digit, word) take every script's letters and digits in
// Ruby ("Ødegård", "Zürich"): as ASCII ranges they would refuse what the desk accepts, so a
// pattern with one is left to the desk.
const POSIX: Record<string, string> = {
  xdigit: '0-9a-fA-F',
  space: '\\s',
};

/**
 * A Zendesk (Ruby) validation pattern as a JavaScript one, or undefined when it cannot be run
 * here: the desk still checks it, and its refusal comes back in its own words.
 */
export function toJsPattern(ruby: string | null | undefined): string | undefined {
  if (!ruby) return undefined;
  let unknownClass = false;
  const js = ruby
    .replace(/\[:(\^?)(\w+):\]/g, (whole, negated: string, name: string) => {
      const cls = POSIX[name];
      if (!cls || negated) unknownClass = true;
      return cls ?? whole;
    })
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\\h/g, '[0-9a-fA-F]')
    .replace(/\\H/g, '[^0-9a-fA-F]');
  if (unknownClass) return undefined;
  try {
    new RegExp(js);
    return js;
  } catch {
    // Atomic groups, possessive quantifiers, inline flags: Ruby only.
    return undefined;
  }
}

function kindOf(field: ZdTicketField): FieldSpec['kind'] {
  switch (field.type) {
    case 'tagger':
    case 'priority':
    case 'tickettype':
      return 'select';
    case 'multiselect':
      return 'multiselect';
    case 'checkbox':
      return 'checkbox';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'date':
      return 'date';
    case 'text':
    case 'regexp':
      return 'text';
    case 'textarea':
      return 'textarea';
    default:
      return 'unknown';
  }
}

export const fieldId = (field: ZdTicketField) => SYSTEM_FIELDS[field.type] ?? String(field.id);

export function toFieldSpec(field: ZdTicketField): FieldSpec | undefined {
  if (OWN_FIELDS.has(field.type) || field.active === false || field.visible_in_portal === false || field.editable_in_portal === false) return undefined;
  const kind = kindOf(field);
  const options = optionsOf(field.custom_field_options ?? field.system_field_options);
  const pattern = field.type === 'regexp' ? toJsPattern(field.regexp_for_validation) : undefined;
  const description = field.description?.trim();
  return {
    id: fieldId(field),
    label: field.title_in_portal || field.title,
    kind,
    required: Boolean(field.required_in_portal),
    ...(kind === 'select' || kind === 'multiselect' ? { options } : {}),
    ...(pattern ? { pattern } : {}),
    ...(description ? { description } : {}),
    ...(kind === 'unknown' ? { deskType: field.type } : {}),
  };
}

/** The form's fields in its own order; the listing holds every field of the account. */
export function toFields(form: ZdTicketForm, fields: ZdTicketField[]): FieldSpec[] {
  const byId = new Map(fields.map((f) => [f.id, f]));
  // Conditions name fields by number; Priority and Type are named by kind here (fieldId).
  const idOf = (id: number) => {
    const field = byId.get(id);
    return field ? fieldId(field) : String(id);
  };
  // A child of an end-user condition shows only while its parent holds the value.
  const shownWhen = new Map<string, NonNullable<FieldSpec['shownWhen']>>();
  for (const c of form.end_user_conditions ?? []) {
    if (c.parent_field_id === undefined || c.value === undefined || c.value === null) continue;
    for (const child of c.child_fields ?? []) {
      if (child.id === undefined) continue;
      const list = shownWhen.get(idOf(child.id)) ?? [];
      list.push({ field: idOf(c.parent_field_id), value: String(c.value), required: child.is_required === true });
      shownWhen.set(idOf(child.id), list);
    }
  }
  return (form.ticket_field_ids ?? []).flatMap((id) => {
    const field = byId.get(id);
    const spec = field && toFieldSpec(field);
    if (!spec) return [];
    const conditions = shownWhen.get(spec.id);
    return conditions ? { ...spec, shownWhen: conditions } : spec;
  });
}

export function toZendeskValue(spec: FieldSpec, value: FieldValue): ZdFieldValue {
  const list = Array.isArray(value) ? value : [value];
  const one = list[0] ?? '';
  switch (spec.kind) {
    case 'multiselect':
      return list;
    case 'checkbox':
      return one === 'true';
    case 'number':
      return Number(one);
    default:
      return one;
  }
}

export function toCreate(request: NewRequest, fields: FieldSpec[], uploads: string[]): ZdCreateRequest {
  const custom: ZdCustomField[] = [];
  const system: { priority?: string; type?: string } = {};
  for (const spec of fields) {
    const value = request.fields[spec.id];
    if (value === undefined) continue;
    if (spec.id === 'priority' || spec.id === 'type') system[spec.id] = String(toZendeskValue(spec, value));
    else custom.push({ id: Number(spec.id), value: toZendeskValue(spec, value) });
  }
  const form = Number(request.formId);
  return {
    request: {
      subject: request.subject,
      // The body carries the client id (composeBody): how findRequest recognises it.
      comment: { body: request.body, ...(uploads.length ? { uploads } : {}) },
      ...(Number.isInteger(form) && form > 0 ? { ticket_form_id: form } : {}),
      ...(custom.length ? { custom_fields: custom } : {}),
      ...system,
    },
  };
}

/** A stored value as the strings we send: an unticked checkbox and an empty field hold nothing. */
export function fromZendeskValue(value: ZdFieldValue | undefined): string[] {
  if (value === null || value === undefined || value === false || value === '') return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

export function toStoredRequest(request: ZdRequest, attachments: string[]): StoredRequest {
  const fields: Record<string, string[]> = {};
  for (const f of request.custom_fields ?? []) fields[String(f.id)] = fromZendeskValue(f.value);
  if (request.priority) fields.priority = [request.priority];
  if (request.type) fields.type = [request.type];
  return {
    subject: request.subject ?? '',
    fields,
    requesters: request.requester_id !== undefined ? [String(request.requester_id)] : [],
    attachments,
  };
}

export function toUser(user: ZdUser): DeskUser {
  const email = user.email ?? '';
  return { id: String(user.id), name: email || (user.name ?? ''), email, displayName: user.name || email, staff: (user.role ?? 'end-user') !== 'end-user' };
}

export function statusCategory(status: string | undefined): StatusCategory {
  if (status === 'pending') return 'waiting';
  if (status === 'solved' || status === 'closed') return 'done';
  return 'open';
}

export function toSummary(deskId: string, base: string, request: ZdRequest): TicketSummary {
  const form = request.ticket_form_id ? String(request.ticket_form_id) : undefined;
  const status = request.status ?? '';
  const updated = request.updated_at ?? request.created_at ?? '';
  return {
    ref: ticketRef(deskId, base, request.id),
    subject: request.subject || `#${request.id}`,
    departmentId: form ?? '',
    ...(form ? { formId: form } : {}),
    status,
    category: statusCategory(status),
    updated: new Date(Date.parse(updated) || 0).toISOString(),
    ...(request.created_at && Date.parse(request.created_at) ? { created: new Date(Date.parse(request.created_at)).toISOString() } : {}),
    ...(request.due_at && Date.parse(request.due_at) ? { due: new Date(Date.parse(request.due_at)).toISOString() } : {}),
    // Every change a requester can see (a status, a public comment) moves updated_at.
    version: updated,
  };
}

const nameOf = (users: ZdUser[], id: number | undefined) => users.find((u) => u.id === id)?.name ?? '';

const excerpt = (text: string) => text.trim().replace(/\s+/g, ' ').slice(0, 140);

const textOf = (c: ZdComment) => c.plain_body ?? c.body ?? '';

/** From the comments newest first: the newest event, and the newest reply not by me. */
export function toActivity(newestFirst: ZdComment[], me: string, users: ZdUser[]): Activity {
  const last = newestFirst[0];
  const reply = newestFirst.find((c) => c.public !== false && String(c.author_id) !== me);
  return {
    ...(last ? { lastTxnId: String(last.id) } : {}),
    ...(reply
      ? { lastStaffReply: { id: String(reply.id), at: reply.created_at ?? '', author: nameOf(users, reply.author_id), excerpt: excerpt(textOf(reply)) } }
      : {}),
  };
}

/** Public comments, oldest first; the first is the request's own text. */
export function toMessages(comments: ZdComment[], me: DeskUser, users: ZdUser[]): Message[] {
  return comments
    .filter((c) => c.public !== false)
    .map((c) => {
      const mine = String(c.author_id) === me.id;
      return {
        id: String(c.id),
        at: c.created_at ?? '',
        author: mine ? me.displayName : nameOf(users, c.author_id),
        mine,
        text: textOf(c),
        attachments: (c.attachments ?? []).map((a) => ({ name: a.file_name ?? '', type: a.content_type ?? '' })),
      };
    });
}

/**
 * Zendesk rates good or bad: 4 and 5 of 5 are good, 1 to 3 bad (CSAT counts only the top two as
 * satisfied). The comment goes as typed.
 */
export function toSatisfaction(rating: Pick<Rating, 'score' | 'comment'>): { satisfaction_rating: { score: 'good' | 'bad'; comment?: string } } {
  const comment = rating.comment?.trim();
  return { satisfaction_rating: { score: rating.score >= 4 ? 'good' : 'bad', ...(comment ? { comment } : {}) } };
}
