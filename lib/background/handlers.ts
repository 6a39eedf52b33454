// What the background does for each message. Every dependency comes in as a parameter, so
// tests run it with WXT's fake browser storage and a real or recorded desk.
import { loadCatalog } from '../catalog/load';
import { cachedFields, keepFields, type FieldCache } from '../catalog/fields';
import { buildContext, withoutReference, type CaptureParts } from '../capture/context';
import { createAdapter, timeoutOf } from '../desks/registry';
import { DeskFailure, deskError, formIn, formKey, isRatingScore, type Catalog, type FieldSpec, type Department, type DeskAuth, type DeskConfig, type RequestForm } from '../domain';
import type { DeskAdapter } from '../desks/types';
import type { Fetch, RateLimit } from '../http/client';
import type { Handlers } from '../messaging/protocol';
import { completeAttachments, FIELDS_REFRESH_AFTER_MS, filesOf, submitRequest, SUBMIT_FIELDS_MAX_AGE_MS } from '../requests/submit';
import { effectivePreferences, type Preferences } from '../settings/preferences';
import { deskIdFor, deskSummaries, effectiveDesks, OAUTH_UNAVAILABLE, originPattern, removeDesk, summarize, upsertDesk, validateDeskInput, type DeskInput, type DeskSummary } from '../settings/desk';
import { layer, type Layered } from '../settings/policy';
import { MIN_INTERVAL_MIN } from '../tracking/schedule';
import { keyOf } from '../tracking/snapshot';
import { filedOutcome, type Landed, type Submission } from '../requests/outbox';
import type { Drafts } from '../requests/draft';
import type { BlobStore } from '../requests/blobs';
import { createOutbox, type Outbox } from './outbox';
import { createRatings, type Ratings } from './ratings';
import { COMMENT_MAX, type RatingOffer, type RatingSubmission } from '../requests/rating';
import { createNudges, type Nudges } from './nudges';
import type { Nudge } from '../requests/nudge';
import { createTracker, type Item, type Tracker, type TrackerDeps } from './tracker';

export interface BackgroundDeps extends Omit<TrackerDeps, 'adapterFor'> {
  fetch: Fetch;
  outbox: Item<Submission[]>;
  /** The outbox's last filings, where a worker started again finds them. */
  landed?: Item<Landed>;
  /** Screenshots and files of the requests in the outbox (IndexedDB), so its entries stay small. */
  blobs?: BlobStore;
  newId(): string;
  scheduleOutbox(delayMs: number): Promise<void>;
  /** "How did we do?": offers per request, and ratings kept until the desk has them. */
  ratingOffers: Item<Record<string, RatingOffer>>;
  ratingOutbox: Item<RatingSubmission[]>;
  scheduleRatings(delayMs: number): Promise<void>;
  /** "Ask for an update" comments, kept until the desk has them. */
  nudges: Item<Record<string, Nudge>>;
  scheduleNudges(delayMs: number): Promise<void>;
  /** The user's time zone; the runtime's when not given. */
  zone?: () => string;
  catalog: Item<Catalog | null>;
  /** Fields of the forms opened lately, for the next popup. */
  fields: Item<FieldCache>;
  capture: (tabId?: number) => Promise<CaptureParts>;
  hasOrigin: (pattern: string) => Promise<boolean>;
  /** Gives up access to an origin no desk uses any more (a desk removed, or moved to another address). */
  releaseOrigin?: (pattern: string) => Promise<void>;
  /** The configuration in effect (managed policy > options > defaults). */
  settings?: () => Promise<Layered>;
  /** The desk's OAuth sign-in (Zendesk with PKCE): the tokens for this desk's client. */
  oauthSignIn?: (config: DeskConfig) => Promise<DeskAuth>;
  /**
   * The unfinished drafts the popup keeps. A request the outbox holds is no longer one (the
   * popup may close before the answer comes, and must not offer it to be sent again); one taken
   * back from the outbox is one again.
   */
  drafts?: Drafts;
}

export function createBackground(given: BackgroundDeps): { handlers: Handlers; tracker: Tracker; outbox: Outbox; ratings: Ratings; nudges: Nudges } {
  // What is in effect: the administrator's desks and notification settings over the user's.
  const settings = () => given.settings?.() ?? Promise.resolve(layer(undefined, undefined));
  const deps: BackgroundDeps = {
    ...given,
    desks: {
      getValue: async () => effectiveDesks((await settings()).config.desks, await given.desks.getValue()),
      setValue: (desks) => given.desks.setValue(desks),
    },
    preferences: {
      getValue: async () => effectivePreferences(await given.preferences.getValue(), (await settings()).config.notifications),
      setValue: (prefs) => given.preferences.setValue(prefs),
    },
  };
  // The lowest rate limit a desk reported since the tracker last asked (this worker's life only:
  // it is a hint for the next alarm, which the tracker stores as `slowUntil`).
  let lowest: RateLimit | undefined;
  const onRateLimit = (limit: RateLimit) => {
    if (!lowest || limit.remaining < lowest.remaining || lowest.resetAt < deps.now()) lowest = limit;
  };
  const takeRateLimit = () => {
    const taken = lowest;
    lowest = undefined;
    return taken;
  };
  const adapterFor = (config: DeskConfig): DeskAdapter => createAdapter(config, { fetch: deps.fetch, onAuth: (auth) => keepAuth(config, auth), onRateLimit });

  /** Credentials the desk renewed (an OAuth refresh): the old refresh token no longer works. */
  async function keepAuth(config: DeskConfig, auth: DeskAuth): Promise<void> {
    const saved = await given.desks.getValue();
    const mine = saved.some((d) => d.id === config.id);
    await given.desks.setValue(mine ? saved.map((d) => (d.id === config.id ? { ...d, auth } : d)) : [...saved, { ...config, auth }]);
  }

  /** This browser may reach the desk's origin (the user granted it in the options page). */
  async function allowed(config: DeskConfig): Promise<void> {
    if (!(await deps.hasOrigin(originPattern(config.baseUrl)))) {
      throw new DeskFailure(deskError('permission', { detail: new URL(config.baseUrl).origin }));
    }
  }

  /**
   * The desks `before` held that are gone or moved: their origins are given up unless a desk in
   * effect still uses them (another desk at the same address, or the administrator's).
   */
  async function releaseUnused(before: DeskConfig[]): Promise<void> {
    if (!given.releaseOrigin) return;
    const used = new Set((await deps.desks.getValue()).map((d) => originPattern(d.baseUrl)));
    const unused = new Set(before.map((d) => originPattern(d.baseUrl)).filter((p) => !used.has(p)));
    for (const pattern of unused) await given.releaseOrigin(pattern).catch(() => undefined);
  }

  async function reachable(config: DeskConfig): Promise<DeskAdapter> {
    await allowed(config);
    return adapterFor(config);
  }

  /** The typed settings as a config; the saved secret of the same desk fills an empty field. */
  async function configFrom(input: DeskInput): Promise<DeskConfig> {
    // Only at the same address: a changed address does not get the old desk's secret sent to it.
    const id = deskIdFor(input.kind, input.baseUrl);
    const saved = id ? (await deps.desks.getValue()).find((d) => d.id === id) : undefined;
    const { config, problems } = validateDeskInput(input, saved?.auth);
    if (!config) throw new DeskFailure(deskError('config', { field: problems[0]?.field, problems }));
    return config;
  }

  /** Keeps the desk (in place of `replaces` when editing), with who the credentials belong to. */
  async function saveDesk(config: DeskConfig, replaces?: string): Promise<DeskSummary> {
    await allowed(config);
    // Who the credentials belong to, once, so no sync has to ask again. A desk that cannot
    // answer now is kept all the same: the options page shows its own test result.
    const user = await Promise.resolve()
      .then(() => adapterFor(config).whoAmI())
      .catch(() => undefined);
    const before = await deps.desks.getValue();
    await given.desks.setValue(upsertDesk(await given.desks.getValue(), user ? { ...config, user } : config, replaces));
    if (replaces) await releaseUnused(before);
    // Signed in again, or the desk fixed: ratings it refused are tried again (not awaited).
    void ratings.unhold(config.id).catch(() => undefined);
    await deps.catalog.setValue(null);
    // A fresh catalog for the next popup.
    await refreshCatalog().catch(() => undefined);
    return deskSummaries(await settings(), await given.desks.getValue()).find((d) => d.id === config.id) ?? summarize(config);
  }

  async function refreshCatalog(): Promise<Catalog> {
    const desks = await deps.desks.getValue();
    if (desks.length === 0) throw new DeskFailure(deskError('config', { detail: 'no desk' }));
    // A desk this browser may not reach yet is left out rather than failing the others.
    const checked = await Promise.allSettled(desks.map(async (config) => ({ config, adapter: await reachable(config) })));
    const adapters = checked.flatMap((c) => (c.status === 'fulfilled' ? [c.value] : []));
    if (adapters.length === 0) throw (checked[0] as PromiseRejectedResult).reason;
    const catalog = await loadCatalog(adapters, deps.now(), await deps.catalog.getValue());
    await deps.catalog.setValue(catalog);
    return catalog;
  }

  const ratings = createRatings({
    offers: deps.ratingOffers,
    outbox: deps.ratingOutbox,
    adapterFor: (ref) => deskOf(ref),
    kindOf: async (deskId) => (await deps.desks.getValue()).find((d) => d.id === deskId)?.kind,
    // The administrator's (or the configuration's) switch, else the user's own in the options page.
    policy: async () => {
      const rating = (await settings()).config.rating;
      return { ...rating, enabled: rating?.enabled ?? (await given.preferences.getValue()).ratings ?? true };
    },
    now: deps.now,
    newId: deps.newId,
    schedule: deps.scheduleRatings,
  });
  const tracker = createTracker({ ...deps, adapterFor: reachable, takeRateLimit, ratings });
  const outbox = createOutbox({
    outbox: deps.outbox,
    landed: deps.landed,
    blobs: deps.blobs,
    now: deps.now,
    newId: deps.newId,
    schedule: deps.scheduleOutbox,
    async deliver(s, attempt, create) {
      const adapter = await deskOf(s.input.draft);
      if (s.filed) {
        // Filed already: only the files the desk does not hold yet.
        const files = filesOf(s.input);
        await completeAttachments(adapter, s.filed.ticket, files);
        return filedOutcome(s.filed, true);
      }
      const { form, department } = await formOf(adapter, s.input.draft);
      // Fields read within the last minute (or being read since the form opened) are not read again.
      const ref = { deskId: s.input.draft.deskId, id: s.input.draft.formId };
      const known = cachedFields(await deps.fields.getValue(), ref, deps.now(), SUBMIT_FIELDS_MAX_AGE_MS) ?? (await reading.get(formKey(ref))?.catch(() => undefined));
      return submitRequest(adapter, form, department.name, s.input, { clientId: s.clientId, attempt, createdAt: s.createdAt, create }, known);
    },
    // The desk had as long as we waited; give it as long again to finish before filing anew.
    landingMs: async (s) => 2 * timeoutOf((await deps.desks.getValue()).find((d) => d.id === s.input.draft.deskId)),
    // The new request shows in the badge at once.
    onSent: () => void tracker.sync().catch(() => undefined),
    giveBack: deps.drafts
      ? async ({ draft, context }, keepNewer) => {
          const drafts = deps.drafts as Drafts;
          const kept = { ...draft, updatedAt: deps.now() };
          // Never over a newer draft of the same form and page, looked for and written in one step.
          return drafts.saveUnlessNewer(kept, context, keepNewer ? draft.updatedAt : Infinity);
        }
      : undefined,
  });

  const nudges = createNudges({
    nudges: deps.nudges,
    snapshot: deps.snapshot,
    catalog: deps.catalog,
    config: async () => (await settings()).config,
    deskOf,
    now: deps.now,
    zone: deps.zone ?? (() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    schedule: deps.scheduleNudges,
  });

  async function deskOf(ref: { deskId: string }): Promise<DeskAdapter> {
    const config = (await deps.desks.getValue()).find((d) => d.id === ref.deskId);
    if (!config) throw new DeskFailure(deskError('config', { detail: 'desk' }));
    return reachable(config);
  }

  // Fields being read from a desk now, by form: a send while the popup's read is under way waits
  // for that read instead of asking the desk a second time.
  const reading = new Map<string, Promise<FieldSpec[]>>();
  function readFields(form: { deskId: string; id: string }): Promise<FieldSpec[]> {
    const key = formKey(form);
    const running = reading.get(key);
    if (running) return running;
    const read = (async () => {
      const fields = await (await deskOf(form)).formFields(form.id);
      await deps.fields.setValue(keepFields(await deps.fields.getValue(), form, fields, deps.now()));
      return fields;
    })().finally(() => reading.delete(key));
    reading.set(key, read);
    return read;
  }

  /** The form's header and the department it was picked in: from the stored catalog, else the desk's. */
  async function formOf(adapter: DeskAdapter, ref: { deskId: string; departmentId: string; formId: string }): Promise<{ form: RequestForm; department: Department }> {
    const find = (catalog: Pick<Catalog, 'departments' | 'forms'> | null) => {
      const department = catalog?.departments.find((d) => d.deskId === ref.deskId && d.id === ref.departmentId);
      const form = catalog?.forms.find((f) => f.deskId === ref.deskId && f.id === ref.formId);
      return department && form && formIn(form, department) ? { form, department } : undefined;
    };
    const found = find(await deps.catalog.getValue()) ?? find(await adapter.listCatalog());
    if (!found) throw new DeskFailure(deskError('not-found', { detail: 'form' }));
    return found;
  }

  const handlers: Handlers = {
    'catalog.refresh': async ({ maxAgeMs }) => {
      const stored = maxAgeMs ? await deps.catalog.getValue() : null;
      return stored && deps.now() - stored.fetchedAt < (maxAgeMs ?? 0) ? stored : refreshCatalog();
    },

    'form.fields': async ({ deskId, formId, maxAgeMs }) => {
      const cache = await deps.fields.getValue();
      const form = { deskId, id: formId };
      const kept = maxAgeMs ? cachedFields(cache, form, deps.now(), maxAgeMs) : undefined;
      if (!kept) return readFields(form);
      // Shown at once; kept for over a minute, read again while the form is filled in (a send
      // soon after waits for that read rather than making its own).
      if (!cachedFields(cache, form, deps.now(), FIELDS_REFRESH_AFTER_MS)) void readFields(form).catch(() => undefined);
      return kept;
    },

    'context.capture': async ({ tabId }) => {
      const [parts, layered] = await Promise.all([deps.capture(tabId), settings()]);
      return buildContext(parts, layered.config.capture);
    },

    'request.submit': async ({ sendId, ...input }) => {
      // Quicker looks are a nicety, never a reason to fail, nor to send later.
      const touched = tracker.touch(deps.now()).catch(() => undefined);
      // Once the outbox has it, it is no longer an unfinished draft (a refusal at Send gives it back).
      const result = await outbox.submit(input, async () => deps.drafts?.remove(input.draft), sendId);
      await touched;
      return result;
    },

    'outbox.list': () => outbox.list(),

    'outbox.retry': async ({ clientId }) => (await outbox.retry(clientId)) ?? null,

    'outbox.cancel': async ({ clientId }) => (await outbox.cancel(clientId)) ?? null,

    'requests.sync': async ({ full }) => {
      if (full) await tracker.touch(deps.now()).catch(() => undefined); // the popup is open: its user is watching
      return tracker.sync(full);
    },

    'requests.watching': () => tracker.touch(deps.now()),

    'requests.seen': ({ key }) => tracker.seen(key),

    // The requester reads what was written, not the reference footer our requests carry.
    'requests.conversation': async ({ ref }) => (await (await deskOf(ref)).conversation(ref)).map((m) => ({ ...m, text: withoutReference(m.text) })),

    'requests.reply': async ({ ref, text, attachments }) => {
      // Their reply may reopen it at the desk: not news to them. Noted first, so a look that lists
      // it reopened is told, even one under way now. (A nicety: never a reason to fail.)
      const undo = await tracker.replied(keyOf({ ref })).catch(() => async () => undefined);
      try {
        await (await deskOf(ref)).reply(ref, text.trim(), attachments);
      } catch (err) {
        // Not sent: no note of it (it would hide staff reopening the request themselves).
        await undo().catch(() => undefined);
        throw err;
      }
      await tracker.touch(deps.now()).catch(() => undefined); // quicker looks are a nicety, never a reason to fail
      tracker.sync().catch(() => undefined);
    },

    'requests.nudge': async ({ key }) => {
      const nudge = await nudges.ask(key);
      await tracker.touch(deps.now()).catch(() => undefined); // an answer may follow soon
      return nudge;
    },

    'requests.nudges': () => nudges.list(),

    'ratings.prompts': () => ratings.prompts(),

    'ratings.send': async (rating) => {
      // The popup sends what its stars and box allow; anything else is refused before it is kept.
      if (!isRatingScore(rating.score)) throw new DeskFailure(deskError('rejected', { detail: 'rating.error.score' }));
      if (typeof rating.comment !== 'string' || rating.comment.trim().length > COMMENT_MAX) throw new DeskFailure(deskError('rejected', { detail: 'rating.error.comment' }));
      return ratings.send(rating);
    },

    'ratings.retry': ({ key }) => ratings.retry(key),

    'ratings.discard': ({ key }) => ratings.discard(key),

    'ratings.dismiss': ({ key }) => ratings.dismiss(key),

    'prefs.get': () => deps.preferences.getValue(),

    'prefs.set': async (patch) => {
      const next: Preferences = { ...(await given.preferences.getValue()), ...patch };
      next.intervalMin = Math.max(MIN_INTERVAL_MIN, next.intervalMin);
      await deps.preferences.setValue(next);
      return deps.preferences.getValue();
    },

    'desk.test': async ({ input }) => {
      const adapter = await reachable(await configFrom(input));
      const user = await adapter.whoAmI();
      return { user, departments: (await adapter.listCatalog()).departments };
    },

    'desk.save': async ({ input, id }) => saveDesk(await configFrom(input), id),

    'desk.oauth': async ({ input, id }) => {
      if (!given.oauthSignIn) throw new DeskFailure(deskError('config', { detail: OAUTH_UNAVAILABLE }));
      const config = await configFrom({ ...input, authMode: 'oauth' });
      await allowed(config);
      return saveDesk({ ...config, auth: await given.oauthSignIn(config) }, id);
    },

    'desk.remove': async ({ id }) => {
      const before = await deps.desks.getValue();
      await given.desks.setValue(removeDesk(await given.desks.getValue(), id));
      await releaseUnused(before);
      await deps.catalog.setValue(null);
      await refreshCatalog().catch(() => undefined);
      return deskSummaries(await settings(), await given.desks.getValue());
    },

    'desk.list': async () => deskSummaries(await settings(), await given.desks.getValue()),
  };
  return { handlers, tracker, outbox, nudges, ratings };
}
