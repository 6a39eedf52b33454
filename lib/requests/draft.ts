import type { ContextItem } from '../capture/context';
import type { FieldValue } from '../desks/types';

/** What the user is writing, saved as they type so a closed popup loses nothing. */
export interface Draft {
  deskId: string;
  departmentId: string;
  formId: string;
  subject: string;
  description: string;
  fields: Record<string, FieldValue>;
  excluded: ContextItem[];
  updatedAt: number;
}

export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function isFresh(draft: Draft | null | undefined, now: number): draft is Draft {
  return Boolean(draft) && now - (draft as Draft).updatedAt < DRAFT_MAX_AGE_MS;
}
