// Zendesk Support wire shapes as Zendesk's OpenAPI document (../shared/specs/zendesk-support.openapi.yaml)
// defines them for end users; only what we read or send.

/** Cursor pagination: `page[size]`, `page[after]`; the last page says `has_more: false`. */
export interface ZdCursorMeta {
  has_more?: boolean;
  after_cursor?: string | null;
}

export type ZdPage<K extends string, T> = { [key in K]?: T[] } & { meta?: ZdCursorMeta };

export interface ZdUser {
  id: number | null;
  name?: string;
  email?: string | null;
  /** 'end-user', 'agent' or 'admin' */
  role?: string;
}

export interface ZdTicketForm {
  id: number;
  name: string;
  display_name?: string;
  active?: boolean;
  end_user_visible?: boolean;
  default?: boolean;
  position?: number;
  ticket_field_ids?: number[];
  /**
   * What end users see: a child field shows while its parent holds the value (a checkbox's
   * true or false), required or not then. Untyped in the OpenAPI document; the shape is its
   * example's (TicketFormObject).
   */
  end_user_conditions?: ZdCondition[];
}

export interface ZdCondition {
  parent_field_id?: number;
  value?: string | boolean | number | null;
  child_fields?: { id?: number; is_required?: boolean }[];
}

export interface ZdFieldOption {
  name?: string;
  value?: string;
}

export interface ZdTicketField {
  id: number;
  /** Custom: text, textarea, checkbox, date, integer, decimal, regexp, partialcreditcard, multiselect, tagger, lookup; system: subject, description, status, tickettype, priority, group, assignee, custom_status, … */
  type: string;
  title: string;
  title_in_portal?: string;
  description?: string;
  active?: boolean;
  visible_in_portal?: boolean;
  editable_in_portal?: boolean;
  required_in_portal?: boolean;
  regexp_for_validation?: string | null;
  custom_field_options?: ZdFieldOption[];
  system_field_options?: ZdFieldOption[];
}

export type ZdFieldValue = string | number | boolean | string[] | null;

export interface ZdCustomField {
  id: number;
  value: ZdFieldValue;
}

export type ZdStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface ZdRequest {
  id: number;
  url?: string;
  subject?: string;
  /** The first comment's text. */
  description?: string;
  status?: ZdStatus | string;
  priority?: string | null;
  type?: string | null;
  requester_id?: number;
  ticket_form_id?: number | null;
  custom_fields?: ZdCustomField[];
  created_at?: string;
  updated_at?: string;
  /** A task's due date, which the requester sees too. */
  due_at?: string | null;
}

export interface ZdAttachment {
  id?: number;
  file_name?: string;
  content_type?: string;
  content_url?: string;
  size?: number;
}

export interface ZdComment {
  id: number;
  author_id?: number;
  body?: string;
  plain_body?: string;
  public?: boolean;
  attachments?: ZdAttachment[];
  created_at?: string;
}

/** `include=users`: the comments' authors come along (Side-loading; the document's schema leaves them out). */
export type ZdComments = ZdPage<'comments', ZdComment> & { users?: ZdUser[] };

export interface ZdUpload {
  upload?: { token?: string; attachment?: ZdAttachment };
}

export interface ZdCommentWrite {
  body: string;
  uploads?: string[];
}

export interface ZdCreateRequest {
  request: {
    subject: string;
    comment: ZdCommentWrite;
    ticket_form_id?: number;
    custom_fields?: ZdCustomField[];
    priority?: string;
    type?: string;
  };
}

export interface ZdUpdateRequest {
  request: { comment: ZdCommentWrite };
}

/** POST /oauth/tokens answer. */
export interface ZdTokens {
  access_token: string;
  token_type?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}
