// Jira Service Management /rest/servicedeskapi wire shapes, as Atlassian's OpenAPI document
// (../shared/specs/jsm-cloud-servicedeskapi.openapi.json) defines them; only what we read.
export interface JsmPage<T> {
  size?: number;
  start?: number;
  limit?: number;
  isLastPage?: boolean;
  values?: T[];
}

export interface JsmDate {
  epochMillis?: number;
  iso8601?: string;
}

export interface JsmServiceDesk {
  id: string;
  projectKey?: string;
  projectName?: string;
}

export interface JsmGroup {
  id: string;
  name?: string;
}

export interface JsmRequestType {
  id: string;
  name?: string;
  description?: string;
  helpText?: string;
  serviceDeskId?: string;
  groupIds?: string[];
}

export interface JsmFieldValue {
  value?: string;
  label?: string;
  children?: JsmFieldValue[];
}

export interface JsmJiraSchema {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
}

export interface JsmField {
  fieldId?: string;
  name?: string;
  description?: string;
  required?: boolean;
  validValues?: JsmFieldValue[];
  defaultValues?: JsmFieldValue[];
  jiraSchema?: JsmJiraSchema;
  /** False: hidden from the portal by the administrator, its value preset (RequestTypeFieldDTO). */
  visible?: boolean;
}

export interface JsmFields {
  requestTypeFields?: JsmField[];
}

export interface JsmUser {
  /** Cloud's id for a user; Data Center has none, and names users by key and username. */
  accountId?: string;
  /** Data Center: the user's key (JIRAUSER10100) and username. */
  key?: string;
  name?: string;
  displayName?: string;
  emailAddress?: string;
}

export interface JsmComment {
  id?: string;
  body?: string;
  public?: boolean;
  author?: JsmUser;
  created?: JsmDate;
  attachments?: JsmPage<JsmAttachment>;
}

export interface JsmAttachment {
  filename?: string;
  mimeType?: string;
}

export interface JsmRequest {
  issueId?: string;
  issueKey?: string;
  requestTypeId?: string;
  serviceDeskId?: string;
  createdDate?: JsmDate;
  reporter?: JsmUser;
  requestFieldValues?: { fieldId?: string; label?: string; value?: unknown }[];
  currentStatus?: { status?: string; statusCategory?: string; statusDate?: JsmDate };
  comments?: JsmPage<JsmComment>;
  _links?: { web?: string };
}

export interface JsmCreate {
  serviceDeskId: string;
  requestTypeId: string;
  requestFieldValues: Record<string, unknown>;
}

export interface JsmTemporaryFiles {
  temporaryAttachments?: { temporaryAttachmentId?: string; fileName?: string }[];
}

/** A request's feedback (CSATFeedbackFullDTO): experimental, the reporter's own. */
export interface JsmFeedback {
  type?: string;
  rating?: number;
  comment?: { body?: string };
}
