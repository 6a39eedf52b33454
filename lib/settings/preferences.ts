import type { DeskError } from '../domain';
import type { NotificationPolicy } from './policy';

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

/** The user's preferences with what the administrator set for notifications on top. */
export function effectivePreferences(prefs: Preferences, policy: NotificationPolicy | undefined): Preferences {
  return {
    ...prefs,
    ...(policy?.enabled !== undefined ? { notifications: policy.enabled } : {}),
    ...(policy?.intervalMin !== undefined ? { intervalMin: policy.intervalMin } : {}),
  };
}
