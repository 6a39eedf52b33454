// What the popup's home view lists, as plain data: the view renders it, the store derives it.
import type { Reason } from './rank';

export interface DraftSummary {
  key: string;
  department: string;
  subject: string;
  /** Where it was started: "this page" or the other page's host. */
  where: string;
  updatedAt: number;
}

/** One form as the home list shows it. */
export interface HomeRow {
  key: string;
  name: string;
  /** The department, when the form's own name does not already say it. */
  department?: string;
  blurb: string;
  reason?: Reason;
  /** The typed word that routed a sentence here ("matches 'door'"). */
  matched?: string;
  firstResponse?: string;
}

/** More rows than this are not drawn: typing narrows them down. */
/** The most rows the home view shows (and ranking orders) at once; the rest are counted. */
export const MAX_ROWS = 50;
