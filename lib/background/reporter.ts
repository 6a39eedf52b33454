// Right-click and shortcut reports: capture the tab at the click, build the report, open it.
import type { CaptureParts } from '../capture/context';
import type { Catalog } from '../domain';
import { t, type MessageKey } from '../i18n';
import { buildReport, clickParts, MENU_PREFIX, MENU_TARGETS, type MenuClick, type Report, type Route } from '../report/build';
import type { CaptureSettings } from '../settings/policy';
import type { Item } from './tracker';

export const REPORT_COMMAND = 'report-page';

export interface ReporterDeps {
  capture(tabId?: number): Promise<CaptureParts>;
  catalog: Item<Catalog | null>;
  route(): Promise<Route | undefined>;
  /** The administrator's capture settings (no screenshot, extra redaction). */
  captureSettings?(): Promise<CaptureSettings | undefined>;
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
    const [parts, catalog, route, capture] = await Promise.all([deps.capture(tabId), deps.catalog.getValue(), deps.route(), deps.captureSettings?.()]);
    const built = catalog ? buildReport({ ...parts, click: click ? clickParts(click) : undefined }, catalog, route, deps.now(), capture) : undefined;
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
