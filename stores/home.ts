// What the popup's home view shows, derived from the popup state: pure, so it is tested alone.
import type { Ranked } from '@/lib/catalog/rank';
import type { Catalog } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { draftKey, type Draft } from '@/lib/requests/draft';
import type { DraftSummary, HomeRow } from '@/lib/catalog/rows';
import { departmentOf } from './popup';

export function homeRows(ranked: Ranked): HomeRow[] {
  return ranked.suggestions.map(({ entry, reason, matched }) => ({
    key: entry.key,
    name: entry.form.name,
    // In RT a queue's one form has the queue's name: saying it twice helps no one.
    department: entry.form.name === entry.department.name ? undefined : entry.department.name,
    blurb: entry.card?.helpsWith ?? (entry.form.description || entry.department.description),
    reason,
    ...(matched ? { matched: matched.word } : {}),
    firstResponse: entry.card?.firstResponse,
  }));
}

function hostOf(page: string | undefined): string {
  try {
    return page ? new URL(page).host || page : '';
  } catch {
    return page ?? '';
  }
}

/** Unfinished drafts: which department, what subject, "this page" or the other page's host. */
export function draftSummaries(drafts: Draft[], catalog: Catalog | null, page: string): DraftSummary[] {
  return drafts.map((d) => ({
    key: draftKey(d),
    department: departmentOf(catalog, d)?.name ?? '',
    subject: d.subject,
    where: (d.page ?? '') === page ? t('home.drafts.here') : hostOf(d.page),
    updatedAt: d.updatedAt,
  }));
}
