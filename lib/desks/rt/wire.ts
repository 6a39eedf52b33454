// Request Tracker 5 REST 2.0 wire shapes, as the server sends them (tests/fixtures/rt/ are
// recorded from a real RT 5.0.3). Numbers often arrive as strings.
export interface RtCollection<T> {
  count: number;
  page: number;
  per_page: number;
  total: number | null;
  pages: number | null;
  items: T[];
}

export interface RtRef {
  id: string | number;
  type: string;
  _url: string;
}

export interface RtQueueItem extends RtRef {
  Name: string;
  Description?: string;
}

export interface RtCustomFieldItem extends RtRef {
  Name: string;
  Type: string;
  MaxValues: string | number;
  Pattern?: string;
  Description?: string;
  EntryHint?: string;
  LookupType?: string;
  Disabled?: string | number;
}

/** GET /customfield/N: the same fields without `type` and `_url`, plus the select values. */
export interface RtCustomField extends Omit<RtCustomFieldItem, 'type' | '_url'> {
  Values?: string[];
}

export interface RtUser {
  id: number | string;
  Name: string;
  EmailAddress?: string;
  RealName?: string;
  Privileged?: number | string;
}

export interface RtCreateTicket {
  Queue: string;
  Subject: string;
  Content: string;
  ContentType: 'text/plain';
  Requestor: string;
  CustomFields: Record<string, string | string[]>;
  Attachments?: { FileName: string; FileType: string; FileContent: string }[];
}

export interface RtCreated {
  id: string | number;
  type: 'ticket';
  _url: string;
}

export interface RtTicket {
  id: number | string;
  Subject: string;
  Status: string;
  Queue: RtRef;
  Requestor: RtRef[];
  CustomFields: { id: string; name: string; values: string[] }[];
  LastUpdated: string;
}

export interface RtTicketItem extends RtRef {
  Subject: string;
  Status: string;
  LastUpdated: string;
  Queue: RtRef;
  /** ISO UTC; asked for in the listing's `fields`. */
  Created?: string;
  /** ISO UTC; RT sends 1970-01-01T00:00:00Z when no due date is set. */
  Due?: string;
}

export interface RtTransaction extends RtRef {
  Type: string;
  Created: string;
  Creator: RtRef;
  Field?: string;
  OldValue?: string;
  NewValue?: string;
}

export interface RtAttachmentItem extends RtRef {
  TransactionId: string | number | RtRef;
  ContentType: string;
  Content?: string;
  Filename?: string;
}

export interface RtCorrespond {
  Content: string;
  ContentType: 'text/plain';
  Attachments?: RtCreateTicket['Attachments'];
}

/** GET /transaction/N: what it belongs to. */
export interface RtTransactionRecord {
  id: number | string;
  Type: string;
  Object?: RtRef;
}
