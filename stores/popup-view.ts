// What the popup's App derives from the stores, outside React so it is tested alone: the
// catalog as requesters see it, its ranking, the search index warmed after the first frame,
// what a pick opens, department names and picked files as attachments.
import { onlyNames } from '@/lib/capture/fill';
import { rank, type RankInput, type Ranked } from '@/lib/catalog/rank';
import { MAX_ROWS } from '@/lib/catalog/rows';
import { buildCatalogView, entryKey, type CatalogView } from '@/lib/catalog/view';
import type { Attachment, Catalog, RequestForm } from '@/lib/domain';
import type { History } from '@/lib/catalog/rank';
import type { Routing } from '@/lib/catalog/routing';
import { fileToAttachment } from '@/lib/requests/attachments';
import type { CatalogConfig } from '@/lib/settings/policy';
import { departmentOf, formOf } from './popup';

/** The catalog with the administrator's configuration applied, or null before there is one. */
export function catalogViewOf(catalog: Catalog | null, config: CatalogConfig): CatalogView | null {
  return catalog ? buildCatalogView(catalog, config) : null;
}

export const NOTHING_RANKED: Ranked = { suggestions: [], total: 0 };

/**
 * The home view's rows for what is typed, on this page, with the user's history: the best
 * MAX_ROWS. With routing loaded (stores/popup/routing.ts `routingOf`), a sentence finds forms
 * by what it means, not only by the words in their names.
 */
export function rankHome(view: CatalogView | null, input: { query: string; page: string; history: History; now: number; routing?: RankInput['routing'] }): Ranked {
  if (!view) return NOTHING_RANKED;
  return rank(view, { query: input.query, pageUrl: input.page, history: input.history, now: input.now, limit: MAX_ROWS, ...(input.routing ? { routing: input.routing } : {}) });
}

/**
 * Builds the search index once the current frame is out (neither opening nor the first
 * keystroke waits for it); returns the cancel.
 */
export function warmIndex(view: CatalogView | null, later: (task: () => void) => () => void): () => void {
  if (!view) return () => undefined;
  return later(() => void view.index);
}

/**
 * Builds routing's index of the catalog a slice at a time whenever the browser is idle (see
 * Routing.prepare), so neither the first keystroke nor any later one builds it; `ready` is
 * called once it is built (the list is ranked again with routing). Returns the cancel.
 */
export function warmRouting(view: CatalogView | null, router: Routing | null, idle: () => Promise<void>, ready: () => void): () => void {
  if (!view || !router) return () => undefined;
  let cancelled = false;
  const wait = () => (cancelled ? Promise.reject(new Error('cancelled')) : idle());
  void router.prepare(view.entries, wait).then(() => !cancelled && ready(), () => undefined);
  return () => {
    cancelled = true;
  };
}

/**
 * What picking a row opens: its form, the administrator's defaults with this page rule's
 * values over them, its department, and the sentence typed to find it (carried into the form;
 * not when it only named the form, as "fac" for Facilities).
 */
export function pickOf(ranked: Ranked, key: string, query = ''): { form: RequestForm; values: Record<string, string>; departmentId: string; typed: string } | undefined {
  const pick = ranked.suggestions.find((x) => x.entry.key === key);
  if (!pick) return undefined;
  const { form, department, defaults } = pick.entry;
  const typed = onlyNames(query, [form.name, department.name]) ? '' : query.trim();
  return { form, values: { ...defaults, ...pick.prefill }, departmentId: department.id, typed };
}

/**
 * What a row picked on the list as shown opens, when the search box may already hold more than
 * the list was ranked for (React renders the list a keystroke or two behind): Enter before the
 * list caught up picks the row at the same place in the list for what is typed now, ranked then.
 */
export function pickShown(shown: { query: string; ranked: Ranked }, key: string, typed: string, rankFor: (query: string) => Ranked) {
  if (shown.query === typed) return pickOf(shown.ranked, key, typed);
  const current = rankFor(typed);
  const at = shown.ranked.suggestions.findIndex((x) => x.entry.key === key);
  return pickOf(current, current.suggestions[at]?.entry.key ?? key, typed);
}

/** A request names its department; a desk that files by form (JSM) may name it through the form. */
export function departmentNameOf(catalog: Catalog | null, deskId: string, departmentId: string, formId?: string): string | undefined {
  const viaForm = formOf(catalog, formId ? { deskId, formId } : null)?.departmentIds[0] ?? '';
  return departmentOf(catalog, { deskId, departmentId })?.name ?? departmentOf(catalog, { deskId, departmentId: viaForm })?.name;
}

/** The department card of an open form (expected response, hours), when the administrator gave one. */
export function cardOf(view: CatalogView | null, form: RequestForm) {
  return view?.entries.find((e) => e.key === entryKey(form))?.card;
}

/** The card of the department a request was filed to, by its name (a request names its department). */
export function cardOfDepartment(view: CatalogView | null, deskId: string, name: string) {
  return view?.entries.find((e) => e.department.deskId === deskId && e.department.name === name && e.card)?.card;
}

type PickedFile = Pick<File, 'name' | 'type' | 'size' | 'arrayBuffer'>;

/** Each picked file read as an attachment and handed over with its name (undefined when it could not be read). */
export function attachFiles(files: Iterable<PickedFile>, attach: (file: Attachment | undefined, name: string) => void): Promise<void> {
  return Promise.all([...files].map((file) => fileToAttachment(file).then((a) => attach(a, file.name)))).then(() => undefined);
}

/** A reply's one file: read as an attachment, or taken off when none was picked. */
export function attachReplyFile(file: PickedFile | undefined, attach: (file: Attachment | undefined) => void): Promise<void> {
  return file ? fileToAttachment(file).then(attach) : Promise.resolve(attach(undefined));
}
