import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createReporter, menuSpecs, REPORT_COMMAND } from '@/lib/background/reporter';
import type { CaptureParts } from '@/lib/capture/context';
import { registerMenus } from '@/lib/platform/menus';
import { catalogItem, preferencesItem, reportItem } from '@/lib/platform/storage';
import { buildReport, pageProblemDepartment, pageProblemRoute, proposeSubject } from '@/lib/report/build';
import { layer } from '@/lib/settings/policy';
import { catalogOf, facilities, it as itDepartment } from '../support/catalog';

const catalog = catalogOf(facilities('d', []), itDepartment('d', [{ id: '2', label: 'Category', kind: 'select', required: false, options: [{ value: 'Software', label: 'Software' }], default: 'Software' }]));
const page = { url: 'https://intranet.example/dash?session=abc', title: 'Sales dashboard', selection: '', language: 'en', viewport: { width: 800, height: 600 } };
const parts: CaptureParts = { page, screenshot: 'data:image/png;base64,AAAA', browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } };

describe('buildReport', () => {
  it.each([
    ['page', {}, {}],
    ['selection', { selection: 'Total: 1.2M' }, { selection: 'Total: 1.2M' }],
    ['link', { link: 'https://intranet.example/broken?token=x' }, { link: 'https://intranet.example/broken?token=[redacted]' }],
    ['image', { image: 'https://cdn.example/chart.png?sig=abc' }, { image: 'https://cdn.example/chart.png?sig=[redacted]' }],
    ['frame', { frame: 'https://bi.example/embed?auth=1' }, { frame: 'https://bi.example/embed?auth=[redacted]' }],
  ])('builds the report for a click on a %s', (_, click, expected) => {
    const report = buildReport({ ...parts, click }, catalog, undefined, 42)!;
    expect(report.draft).toEqual({
      deskId: 'd',
      departmentId: '5',
      formId: '5',
      subject: 'Problem on “Sales dashboard”',
      description: '',
      // Changed on purpose: the desk's defaults are applied when the report window loads the
      // form's fields (see the popup store test "fills in a report's desk defaults").
      fields: {},
      excluded: [],
      updatedAt: 42,
    });
    expect(report.context).toMatchObject({ url: 'https://intranet.example/dash?session=[redacted]', screenshot: 'data:image/png;base64,AAAA', ...expected });
  });

  it('follows the admin route for page problems', () => {
    expect(buildReport(parts, catalog, { deskId: 'd', departmentId: '3' }, 1)?.draft.departmentId).toBe('3');
    expect(pageProblemDepartment(catalog, { deskId: 'd', departmentId: 'gone' })?.name).toBe('IT');
  });

  it("takes the administrator's route (by name) over the user's, and the user's when the admin's names nothing here", () => {
    const users = { deskId: 'd', departmentId: '5' };
    expect(pageProblemRoute(catalog, { department: ' facilities ' }, users)).toEqual({ deskId: 'd', departmentId: '3' });
    expect(pageProblemRoute(catalog, { department: 'Legal' }, users)).toEqual(users);
    expect(pageProblemRoute(catalog, undefined, undefined)).toBeUndefined();
    expect(pageProblemRoute(null, { department: 'Facilities' }, users)).toEqual(users);
  });

  it('still reports a page that cannot be read, with what the browser knows and a note', () => {
    const report = buildReport({ tab: { url: 'https://chromewebstore.google.com/detail/x', title: 'Web Store' }, browser: parts.browser }, catalog, undefined, 1)!;
    expect(report.context).toMatchObject({ url: 'https://chromewebstore.google.com/detail/x', title: 'Web Store', gaps: ['page', 'screenshot'] });
    expect(report.draft.subject).toBe('Problem on “Web Store”');
  });

  it('proposes a subject from the title, the host, or plain words', () => {
    expect(proposeSubject(undefined, 'https://intranet.example/x')).toBe('Problem on “intranet.example”');
    expect(proposeSubject(undefined, undefined)).toBe('Problem on “this page”');
    expect(proposeSubject('x'.repeat(200), undefined)).toHaveLength(120);
  });
});

describe('menus and the click handler', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers the four entries from scratch each time, so a restart never duplicates an id', async () => {
    // WXT's fake browser has no contextMenus: a stand-in that refuses duplicate ids like Chrome.
    const ids = new Set<string>();
    const api = {
      removeAll: vi.fn(async () => ids.clear()),
      create: vi.fn(({ id }: { id: string }) => {
        if (ids.has(id)) throw new Error(`Cannot create item with duplicate id ${id}`);
        ids.add(id);
      }),
    };
    (fakeBrowser as unknown as { contextMenus: typeof api }).contextMenus = api;
    await registerMenus(menuSpecs());
    await registerMenus(menuSpecs()); // onInstalled, then onStartup
    expect([...ids]).toEqual(['instant-desk-report-page', 'instant-desk-report-selection', 'instant-desk-report-link', 'instant-desk-report-image']);
    expect(api.create.mock.calls[1]?.[0]).toEqual({ id: 'instant-desk-report-selection', title: 'Report a problem about this text', contexts: ['selection'] });
  });

  function reporter(withCatalog = true, managed?: unknown) {
    const deps = {
      capture: vi.fn(async () => parts),
      catalog: catalogItem,
      settings: async () => layer(managed, undefined),
      preferences: preferencesItem,
      report: reportItem,
      openWindow: vi.fn(async () => undefined),
      openOptions: vi.fn(async () => undefined),
      now: () => 7,
    };
    if (withCatalog) void catalogItem.setValue(catalog);
    return { r: createReporter(deps), deps };
  }

  it('captures the clicked tab, stores the report and opens its window', async () => {
    const { r, deps } = reporter();
    await r.onMenuClick({ menuItemId: 'instant-desk-report-selection', selectionText: 'E-4411', pageUrl: page.url }, { id: 9 });
    expect(deps.capture).toHaveBeenCalledWith(9);
    expect(deps.openWindow).toHaveBeenCalledWith(9);
    expect((await reportItem.getValue())?.context.selection).toBe('E-4411');
  });

  it('reports the current page from the keyboard shortcut, and ignores other menus and commands', async () => {
    const { r, deps } = reporter();
    await r.onCommand(REPORT_COMMAND, { id: 4 });
    expect(deps.openWindow).toHaveBeenCalledWith(4);
    await r.onMenuClick({ menuItemId: 'another-extension-item' }, { id: 4 });
    await r.onCommand('something-else', { id: 4 });
    expect(deps.openWindow).toHaveBeenCalledTimes(1);
  });

  it("files the report where the administrator's route says, else where the user chose, without a screenshot when the policy says so", async () => {
    await preferencesItem.setValue({ notifications: true, intervalMin: 2, pageProblemRoute: { deskId: 'd', departmentId: '3' } });
    await reporter(true).r.onCommand(REPORT_COMMAND, { id: 4 });
    expect((await reportItem.getValue())?.draft.departmentId).toBe('3');
    const admin = reporter(true, { reportRoute: { department: 'IT' }, capture: { screenshot: false } });
    await admin.r.onCommand(REPORT_COMMAND, { id: 4 });
    expect((await reportItem.getValue())?.draft.departmentId).toBe('5');
    expect((await reportItem.getValue())?.context.screenshot).toBeUndefined();
  });

  it('opens the settings instead when no desk is set up yet', async () => {
    const { r, deps } = reporter(false);
    await r.onMenuClick({ menuItemId: 'instant-desk-report-page' }, { id: 1 });
    expect(deps.openOptions).toHaveBeenCalled();
    expect(deps.openWindow).not.toHaveBeenCalled();
  });
});
