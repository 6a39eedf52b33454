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
  /**
   * When the department is open over the next days (from its card's hours), each opening with
   * its start written two ways for "Closed, opens …": the time alone, and with the weekday.
   */
  opens?: Opening[];
}

/** An opening: [start, end] instants, the start as "9:00" and as "Mon 9:00" on the user's clock. */
export type Opening = [start: number, end: number, time: string, dayTime: string];

/**
 * How long the card must say "Closed, opens …" now: the opening to name (its time alone when it
 * is later today on this computer, else with its weekday), or undefined when open now or not known.
 */
export function opensAt(opens: Opening[] | undefined, now: number): string | undefined {
  if (!opens) return undefined;
  const next = opens.find(([, end]) => end > now);
  if (!next || next[0] <= now) return undefined;
  return new Date(next[0]).toDateString() === new Date(now).toDateString() ? next[2] : next[3];
}

/** The most rows the home view shows (and ranking orders) at once; the rest are counted, and typing narrows them down. */
export const MAX_ROWS = 50;
