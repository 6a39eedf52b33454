import type { DeskError } from '../domain';
import type { NotificationPolicy } from './policy';

export interface Preferences {
  notifications: boolean;
  intervalMin: number;
  /** Where "Report a problem with this page" goes; unset: IT, or the first department. */
  pageProblemRoute?: { deskId: string; departmentId: string };
  /** "How did we do?" after a request is done (on unless switched off); the policy's `rating.enabled` wins. */
  ratings?: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { notifications: true, intervalMin: 5 };

/** How the last syncs went, for backoff across service-worker restarts. */
export interface SyncState {
  failures: number;
  lastError?: DeskError;
  /** When the last sync started, whether it worked or not: the next one is due from then. */
  attemptAt?: number;
  /** The desk asked for no requests before this time (Retry-After). */
  notBefore?: number;
  /** The desk's rate limit was nearly used up until then: routine looks wait, the popup's do not. */
  slowUntil?: number;
  /** When the user last filed, replied or opened the popup: replies are looked for sooner for a while. */
  lastActivityAt?: number;
}

/** The user's preferences with what the administrator set for notifications on top. */
export function effectivePreferences(prefs: Preferences, policy: NotificationPolicy | undefined): Preferences {
  return {
    ...prefs,
    ...(policy?.enabled !== undefined ? { notifications: policy.enabled } : {}),
    ...(policy?.intervalMin !== undefined ? { intervalMin: policy.intervalMin } : {}),
  };
}
