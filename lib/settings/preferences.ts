import type { DeskError } from '../http/errors';

export interface Preferences {
  notifications: boolean;
  intervalMin: number;
  /** Where "Report a problem with this page" goes; unset: IT, or the first department. */
  pageProblemRoute?: { deskId: string; departmentId: string };
}

export const DEFAULT_PREFERENCES: Preferences = { notifications: true, intervalMin: 2 };

/** How the last syncs went, for backoff across service-worker restarts. */
export interface SyncState {
  failures: number;
  retryAfterMs?: number;
  lastError?: DeskError;
}
