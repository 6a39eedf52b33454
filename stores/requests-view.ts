// What "My requests" shows of the department's promises: the line under each open request,
// and whether "Ask for an update" may be tapped (and if not, why). Pure, outside React.
import { requestDepartment } from '@/lib/catalog/view';
import type { Catalog } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { relativeTime } from '@/lib/i18n/time';
import type { Nudge } from '@/lib/requests/nudge';
import type { CatalogConfig } from '@/lib/settings/policy';
import { describeExpectation, expectationOf, mayNudge, whenText, type Expectation, type ExpectationLine } from '@/lib/tracking/expectations';
import { keyOf, type TrackedRequest } from '@/lib/tracking/snapshot';

export interface Expected {
  expectation: Expectation;
  line: ExpectationLine;
}

/** Each open request's line, by request key; requests with nothing readable to expect are left out. */
export function expectationsOf(
  requests: TrackedRequest[],
  catalog: Catalog | null,
  config: CatalogConfig,
  opts: { now: number; zone: string },
): Record<string, Expected> {
  const out: Record<string, Expected> = {};
  for (const r of requests) {
    const found = catalog ? requestDepartment(catalog, config, r) : undefined;
    const expectation = expectationOf(r, found?.card, opts);
    if (expectation) out[keyOf(r)] = { expectation, line: describeExpectation(expectation, found?.department.name ?? '', opts) };
  }
  return out;
}

/**
 * expectationsOf for a view that renders often: worked out again only when the requests, the
 * catalog, the configuration or the zone change (by identity), or the minute of `now` does.
 */
export function expectationsMemo(): typeof expectationsOf {
  let last: { args: [TrackedRequest[], Catalog | null, CatalogConfig, string, number]; out: Record<string, Expected> } | undefined;
  return (requests, catalog, config, opts) => {
    const args: [TrackedRequest[], Catalog | null, CatalogConfig, string, number] = [requests, catalog, config, opts.zone, Math.floor(opts.now / 60_000)];
    if (!last || args.some((arg, i) => arg !== last?.args[i])) last = { args, out: expectationsOf(requests, catalog, config, opts) };
    return last.out;
  };
}

export type NudgeState =
  | { state: 'hidden' }
  | { state: 'ready' }
  | { state: 'asking' }
  /** Not tappable, and why. */
  | { state: 'blocked'; reason: string };

/** "Ask for an update" for one request: offered when it is late, then held back for a promise period. */
export function nudgeStateOf(expected: Expected | undefined, nudge: Nudge | undefined, opts: { now: number; zone: string; asking: boolean }): NudgeState {
  if (opts.asking) return { state: 'asking' };
  if (nudge && nudge.sentAt === undefined) return nudge.held ? { state: 'ready' } : { state: 'blocked', reason: t('nudge.queued') };
  if (nudge?.sentAt !== undefined && opts.now < nudge.againAt) {
    const ago = relativeTime(new Date(nudge.sentAt).toISOString(), opts.now);
    return { state: 'blocked', reason: t('nudge.asked', { ago, when: whenText(nudge.againAt, opts.now, opts.zone) }) };
  }
  return mayNudge(expected?.expectation) ? { state: 'ready' } : { state: 'hidden' };
}
