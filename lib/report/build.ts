// A right-click (or the shortcut) → a report ready to send: the admin's route for page
// problems, a subject from the page title, and the context captured at the click.
import { buildContext, type CaptureParts, type PageContext } from '../capture/context';
import type { CaptureSettings, RouteRef } from '../settings/policy';
import { formIn, type Catalog, type Department } from '../domain';
import { t } from '../i18n';
import type { Draft } from '../requests/draft';

export type MenuTarget = 'page' | 'selection' | 'link' | 'image';
export const MENU_TARGETS: readonly MenuTarget[] = ['page', 'selection', 'link', 'image'];
export const MENU_PREFIX = 'instant-desk-report-';

/** What the browser tells about a context-menu click (contextMenus.OnClickData, trimmed). */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  srcUrl?: string;
  frameUrl?: string;
  pageUrl?: string;
}

export interface Report {
  draft: Draft;
  context: PageContext;
  createdAt: number;
}

export interface Route {
  deskId: string;
  departmentId: string;
}

/** The admin's page-problem route, else a department that sounds like IT, else the first one. */
export function pageProblemDepartment(catalog: Catalog, route?: Route): Department | undefined {
  const routed = route && catalog.departments.find((d) => d.deskId === route.deskId && d.id === route.departmentId);
  return routed ?? catalog.departments.find((d) => /^(it|it support|helpdesk|service desk)$/i.test(d.name)) ?? catalog.departments[0];
}

export function clickParts(click: MenuClick): CaptureParts['click'] {
  return {
    ...(click.selectionText ? { selection: click.selectionText } : {}),
    ...(click.linkUrl ? { link: click.linkUrl } : {}),
    ...(click.srcUrl ? { image: click.srcUrl } : {}),
    ...(click.frameUrl && click.frameUrl !== click.pageUrl ? { frame: click.frameUrl } : {}),
  };
}

export function proposeSubject(title: string | undefined, url: string | undefined): string {
  const what = (title || (url ? new URL(url).host : '') || t('report.thisPage')).trim();
  const subject = t('report.subject', { page: what });
  return subject.length > 120 ? `${subject.slice(0, 119)}…` : subject;
}

export function buildReport(parts: CaptureParts, catalog: Catalog, route: Route | undefined, now: number, capture?: CaptureSettings): Report | undefined {
  const department = pageProblemDepartment(catalog, route);
  const form = department && catalog.forms.find((f) => formIn(f, department));
  if (!department || !form) return undefined;
  const context = buildContext(parts, capture);
  return {
    draft: {
      deskId: form.deskId,
      departmentId: department.id,
      formId: form.id,
      subject: proposeSubject(context.title, context.url),
      description: '',
      // The form's defaults are filled in when the report window loads its fields.
      fields: {},
      excluded: [],
      updatedAt: now,
    },
    context,
    createdAt: now,
  };
}

/**
 * Where a page problem goes: the administrator's route (named in the policy) wins over the
 * user's choice in the options; neither set leaves it to pageProblemDepartment.
 */
export function pageProblemRoute(catalog: Catalog | null, admin: RouteRef | undefined, user: Route | undefined): Route | undefined {
  return routeByName(catalog, admin) ?? user;
}

/** The administrator's route for page problems (by department and form name) in this catalog. */
export function routeByName(catalog: Catalog | null, ref: RouteRef | undefined): Route | undefined {
  if (!catalog || !ref) return undefined;
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const department = catalog.departments.find((d) => same(d.name, ref.department));
  return department ? { deskId: department.deskId, departmentId: department.id } : undefined;
}
