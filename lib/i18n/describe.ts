// Errors and field problems in plain words, each error with one next action.
import type { FieldSpec } from '../domain';
import type { DeskError } from '../domain';
import { LANDING } from '../domain';
import type { FieldProblem } from '../requests/validate';
import { isMessageKey, t, type MessageKey } from './index';

export type NextAction = 'retry' | 'settings' | 'signin' | 'grant';

export function describeError(error: DeskError): { message: string; action?: NextAction } {
  const table: Record<DeskError['kind'], [MessageKey, NextAction | undefined]> = {
    offline: ['error.offline', 'retry'],
    timeout: ['error.timeout', 'retry'],
    unauthorized: ['error.unauthorized', 'settings'],
    forbidden: ['error.forbidden', undefined],
    'not-found': ['error.notFound', 'retry'],
    rejected: ['error.rejected', undefined],
    'rate-limited': ['error.rateLimited', 'retry'],
    server: ['error.server', 'retry'],
    'not-api': ['error.notApi', 'settings'],
    permission: ['error.permission', 'settings'],
    config: ['error.config', 'settings'],
    unverified: ['error.unverified', undefined],
    'storage-full': ['error.storageFull', undefined],
  };
  if (error.kind === 'unauthorized' && error.signInUrl) return { message: t('error.signedOut'), action: 'signin' };
  // A timed-out send the desk may still be filing: checking again is the next step, not re-sending.
  if (error.kind === 'timeout' && error.detail === LANDING) return { message: t('error.landing'), action: 'retry' };
  const [key, action] = table[error.kind];
  // Refused by us, not the desk (e.g. asked for an update too soon), or a setup problem we know
  // (a rating the desk did not keep): the locale words its code, never the English of a detail.
  if (error.detail && isMessageKey(error.detail)) return { message: t(error.detail), ...(error.kind === 'rejected' || !action ? {} : { action }) };
  const seconds = error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : undefined;
  // No wait named (no Retry-After, or 0): no number to give.
  if (error.kind === 'rate-limited' && seconds === undefined) return { message: t('error.rateLimitedSoon'), action };
  return { message: t(key, { detail: error.detail ?? '', seconds: seconds ?? '' }), action };
}

export function describeProblem(problem: FieldProblem, spec?: FieldSpec): string {
  const label = spec?.label ?? t(problem.field === 'subject' ? 'form.subject' : 'form.description');
  // Shown beside the field, so most messages need not repeat its name.
  switch (problem.code) {
    case 'required':
      return t('problem.required', { label });
    case 'not-an-option':
      return t('problem.notAnOption', { value: problem.value ?? '', label });
    case 'pattern':
      return spec?.patternHint ? t('problem.patternHint', { hint: spec.patternHint }) : t('problem.pattern', { label });
    case 'date':
      return t('problem.date', { label });
    case 'too-long':
      return t('problem.tooLong', { label });
    case 'number':
      return t('problem.number', { label });
  }
}
