// One error taxonomy for every desk. Errors are values: the UI maps `kind` to a plain
// sentence and one next action; `detail` is for the desk's own words (never a stack).
export type DeskErrorKind =
  | 'offline'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rejected'
  | 'rate-limited'
  | 'server'
  | 'not-api'
  | 'permission'
  | 'config'
  | 'unverified'
  /** No room left on this computer to keep it (browser storage quota): retrying alone won't help. */
  | 'storage-full';

/**
 * Something of the extension's own that could not be read or kept just now: its storage or its
 * background did not answer ('read', 'write'), or the browser's storage is full ('full').
 */
export type LocalFailure = 'read' | 'write' | 'full';

/** The detail of a look-only attempt that did not find the request yet: it may still land. */
export const LANDING = 'not landed yet';

export interface DeskError {
  kind: DeskErrorKind;
  retryable: boolean;
  status?: number;
  detail?: string;
  /** The field the desk (or our validation) refused, by FieldSpec id. */
  field?: string;
  retryAfterMs?: number;
  /** Where the user signs in again, when the desk relies on the browser's own login. */
  signInUrl?: string;
  /** Every value our validation refused, so the form can mark each field. */
  problems?: { field: string; code: string; value?: string }[];
}

const RETRYABLE: ReadonlySet<DeskErrorKind> = new Set(['offline', 'timeout', 'rate-limited', 'server']);

export function deskError(kind: DeskErrorKind, extra: Omit<DeskError, 'kind' | 'retryable'> = {}): DeskError {
  return { kind, retryable: RETRYABLE.has(kind), ...extra };
}

export class DeskFailure extends Error {
  constructor(readonly error: DeskError) {
    super(`${error.kind}${error.detail ? `: ${error.detail}` : ''}`);
    this.name = 'DeskFailure';
  }
}

export function isDeskError(value: unknown): value is DeskError {
  return typeof value === 'object' && value !== null && typeof (value as DeskError).kind === 'string' && 'retryable' in value;
}

/** Any thrown value as a DeskError, so nothing above lib/ ever sees an exception. */
export function toDeskError(err: unknown): DeskError {
  if (err instanceof DeskFailure) return err.error;
  if (isDeskError(err)) return err;
  return deskError('server', { detail: err instanceof Error ? err.message : String(err) });
}
