// Right-click and shortcut reports: capture the tab at the click, build the report, open it.
import type { CaptureParts } from '../capture/context';
import type { Catalog } from '../domain';
import { t, type MessageKey } from '../i18n';
import { buildReport, clickParts, MENU_PREFIX, MENU_TARGETS, pageProblemRoute, type MenuClick, type Report } from '../report/build';
import type { Layered } from '../settings/policy';
import type { Preferences } from '../settings/preferences';
import type { Item } from './tracker';

export const REPORT_COMMAND = 'report-page';

export interface ReporterDeps {
  capture(tabId?: number): Promise<CaptureParts>;
  catalog: Item<Catalog | null>;
  /** The configuration in effect: the administrator's page-problem route and capture settings. */
  settings(): Promise<Layered>;
  /** The user's own page-problem route, used when the administrator set none. */
  preferences: Item<Preferences>;
  report: Item<Report | null>;
  openWindow(tabId?: number): Promise<void>;
  openOptions(): Promise<void>;
  now(): number;
}

const TITLES: Record<(typeof MENU_TARGETS)[number], MessageKey> = {
  page: 'menu.page',
  selection: 'menu.selection',
  link: 'menu.link',
  image: 'menu.image',
};

export function menuSpecs() {
  return MENU_TARGETS.map((context) => ({ id: `${MENU_PREFIX}${context}`, title: t(TITLES[context]), context }));
}

export function createReporter(deps: ReporterDeps) {
  async function report(tabId: number | undefined, click?: MenuClick): Promise<Report | undefined> {
    const [parts, catalog, { config }, prefs] = await Promise.all([deps.capture(tabId), deps.catalog.getValue(), deps.settings(), deps.preferences.getValue()]);
    const route = pageProblemRoute(catalog, config.reportRoute, prefs.pageProblemRoute);
    const built = catalog ? buildReport({ ...parts, click: click ? clickParts(click) : undefined }, catalog, route, deps.now(), config.capture) : undefined;
    if (!built) {
      await deps.openOptions(); // no desk yet: the one thing to do is to set it up
      return undefined;
    }
    await deps.report.setValue(built);
    await deps.openWindow(tabId);
    return built;
  }

  return {
    onMenuClick(click: MenuClick, tab?: { id?: number }) {
      if (!String(click.menuItemId).startsWith(MENU_PREFIX)) return Promise.resolve(undefined);
      return report(tab?.id, click);
    },
    onCommand(command: string, tab?: { id?: number }) {
      return command === REPORT_COMMAND ? report(tab?.id) : Promise.resolve(undefined);
    },
  };
}
