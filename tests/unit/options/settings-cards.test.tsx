// @vitest-environment jsdom
// The preference cards while the user's preferences are not read (yet, or at all): every control
// shown but not editable, so a choice cannot be made over values nobody has seen; once read,
// editable (unless the administrator set it).
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { AboutCard } from '@/components/options/AboutCard';
import { CaptureSettingsCard } from '@/components/options/CaptureSettingsCard';
import { NotificationSettings } from '@/components/options/NotificationSettings';
import { t } from '@/lib/i18n';
import { parseConfigText } from '@/lib/settings/policy';
import { RatingSettings } from '@/components/options/RatingSettings';
import { RouteSettings } from '@/components/options/RouteSettings';
import type { Department } from '@/lib/domain';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const departments = [{ deskId: 'rt', id: '3', name: 'Facilities' }] as Department[];
const prefs = { notifications: true, intervalMin: 2 };
const nothing = () => {};
let root: Root | undefined;

async function controls(element: ReactElement) {
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  await act(() => root!.render(element));
  return [...host.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
}

afterEach(async () => {
  await act(() => root?.unmount());
  document.body.replaceChildren();
});

describe('preference cards before the preferences are read', () => {
  it('Notifications: shown, not editable, until read', async () => {
    expect((await controls(<NotificationSettings prefs={null} onChange={nothing} />)).map((c) => c.disabled)).toEqual([true, true]);
    await act(() => root!.unmount());
    expect((await controls(<NotificationSettings prefs={prefs} onChange={nothing} />)).map((c) => c.disabled)).toEqual([false, false]);
  });

  it('Ratings: shown, not editable, until read', async () => {
    const card = (unread: boolean, locked = false) => <RatingSettings enabled question="How did we do?" locked={locked} unread={unread} rt={false} onChange={nothing} />;
    expect((await controls(card(true))).map((c) => c.disabled)).toEqual([true]);
    await act(() => root!.unmount());
    expect((await controls(card(false))).map((c) => c.disabled)).toEqual([false]);
    await act(() => root!.unmount());
    expect((await controls(card(false, true))).map((c) => c.disabled)).toEqual([true]);
  });

  it('Page problems: shown, not editable, until read', async () => {
    const card = (unread: boolean) => <RouteSettings departments={departments} route={undefined} unread={unread} onChange={nothing} />;
    const [select] = (await controls(card(true))) as HTMLSelectElement[];
    expect(select!.disabled).toBe(true);
    expect(select!.options.length).toBe(2);
    await act(() => root!.unmount());
    expect((await controls(card(false))).map((c) => c.disabled)).toEqual([false]);
  });
});

describe('what is taken from the page', () => {
  const card = (props: Partial<Parameters<typeof CaptureSettingsCard>[0]> = {}) => (
    <CaptureSettingsCard capture={{ screenshot: true, selection: true }} locked={false} unread={false} problems={[]} onChange={nothing} {...props} />
  );

  it('shows each item on unless switched off, not editable until read or when the administrator set it', async () => {
    expect((await controls(card({ capture: { browser: false } }))).map((c) => [c.type, (c as HTMLInputElement).checked, c.disabled])).toEqual([
      ['checkbox', true, false],
      ['checkbox', true, false],
      ['checkbox', false, false],
    ]);
    await act(() => root!.unmount());
    expect((await controls(card({ unread: true }))).every((c) => c.disabled)).toBe(true);
    expect(document.querySelector('textarea')!.readOnly).toBe(true);
    await act(() => root!.unmount());
    expect((await controls(card({ locked: true }))).every((c) => c.disabled)).toBe(true);
    expect(document.querySelector('button')).toBeNull();
  });

  it('switches an item with one click, and keeps the patterns typed, one per line, on Save', async () => {
    const changes: unknown[] = [];
    const [screenshot] = await controls(card({ capture: { screenshot: true, redact: ['EMP-\\d{6}'] }, onChange: (p) => changes.push(p) }));
    await act(() => screenshot!.click());
    const area = document.querySelector('textarea')!;
    expect(area.value).toBe('EMP-\\d{6}');
    const save = [...document.querySelectorAll('button')].find((b) => b.textContent === t('settings.capture.save'))!;
    expect(save.getAttribute('aria-disabled')).toBe('true');
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    await act(() => {
      setter.call(area, 'EMP-\\d{6}\n\n  CASE-\\d+  \n');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => save.click());
    expect(changes).toEqual([{ screenshot: false }, { redact: ['EMP-\\d{6}', 'CASE-\\d+'] }]);
  });

  it('names a pattern that cannot be used beside the patterns', async () => {
    const { problems } = parseConfigText('{ "capture": { "redact": ["(a+)+$"] } }');
    await controls(card({ problems }));
    expect(document.querySelector('textarea')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('[role="alert"]')!.textContent).toContain('capture.redact[0]');
  });
});

describe('About', () => {
  it('lists the version and each permission held with why, the desk addresses last', async () => {
    const about = { version: '1.4.0', permissions: ['alarms', 'storage', 'tabs'], origins: ['https://desk.example.com/*'] };
    await controls(<AboutCard about={about} />);
    expect(document.body.textContent).toContain('Instant Desk 1.4.0');
    const rows = [...document.querySelectorAll('.about__row')].map((r) => [r.querySelector('dt')!.textContent, r.querySelector('dd')!.textContent]);
    expect(rows).toEqual([
      ['storage', t('settings.about.why.storage')],
      ['alarms', t('settings.about.why.alarms')],
      ['tabs', t('settings.about.why.other')],
      ['https://desk.example.com/*', t('settings.about.why.desk')],
    ]);
  });

  it('says when nothing could be read, and when no desk address is held yet', async () => {
    await controls(<AboutCard about={null} />);
    expect(document.body.textContent).toContain(t('settings.about.unread'));
    await act(() => root!.unmount());
    await controls(<AboutCard about={{ version: '1.4.0', permissions: ['storage'], origins: [] }} />);
    expect(document.body.textContent).toContain(t('settings.about.noDesk'));
  });
});

describe('a desk form while its test runs', () => {
  it('keeps the pressed button focusable (marked busy, not disabled), and a second press does nothing', async () => {
    const { DeskForm } = await import('@/components/options/DeskForm');
    const pressed: string[] = [];
    const input = { kind: 'rt' as const, baseUrl: 'https://desk.example.com', authMode: 'token' as const, token: 't', email: '' };
    const host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
    const form = (busy: 'idle' | 'testing') => (
      <DeskForm form={{ input, problems: [], busy, savedNow: false }} keepsSecret={false} defaultTimeoutS={20}
        onChange={nothing} onTest={() => pressed.push('test')} onSave={() => pressed.push('save')} onSignIn={nothing} onClose={nothing} />
    );
    await act(() => root!.render(form('idle')));
    const test = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Test connection')!;
    test.focus();
    test.click();
    await act(() => root!.render(form('testing')));
    const buttons = [...host.querySelectorAll('button')].filter((b) => ['Test connection', 'Save'].includes(b.textContent ?? ''));
    expect(buttons.map((b) => [b.disabled, b.getAttribute('aria-disabled')])).toEqual([[false, 'true'], [false, 'true']]);
    expect(document.activeElement).toBe(test);
    test.click();
    buttons[1]!.click();
    expect(pressed).toEqual(['test']);
  });
});

describe('removing a desk', () => {
  const desk = { id: 'rt:desk', kind: 'rt' as const, name: 'Company desk', baseUrl: 'https://desk.example.com', authMode: 'token' as const, hasToken: true };
  const input = { kind: 'rt' as const, baseUrl: desk.baseUrl, authMode: 'token' as const, token: '', email: '' };

  async function card(removed: string[]) {
    const { DeskSettings } = await import('@/components/options/DeskSettings');
    const host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
    const render = (desks: (typeof desk)[], forms = {}) =>
      act(() =>
        root!.render(
          <DeskSettings desks={desks} desksLoaded onRetry={async () => {}} forms={forms} open={null} newKey="new" defaultTimeoutS={20}
            onAdd={nothing} onEdit={nothing} onClose={nothing} onChange={nothing} onTest={nothing} onSave={nothing} onSignIn={nothing} onRemove={(id) => removed.push(id)} />,
        ),
      );
    await render([desk]);
    const press = (text: string) => act(() => [...host.querySelectorAll('button')].find((b) => b.textContent === text)!.click());
    await press('Remove');
    const yes = [...host.querySelectorAll('button')].find((b) => b.textContent === t('settings.desk.removeYes'))!;
    yes.focus();
    await act(() => yes.click());
    return { host, render };
  }

  it('hands the focus to "Add a desk" once the desk is gone, not to the page', async () => {
    const removed: string[] = [];
    const { host, render } = await card(removed);
    expect(removed).toEqual(['rt:desk']);
    await render([]);
    expect(document.activeElement).toBe([...host.querySelectorAll('button')].find((b) => b.textContent?.includes(t('settings.desks.add'))));
  });

  it('says why a desk that could not be removed is still there, where it was asked', async () => {
    const { host, render } = await card([]);
    // A connection test's error is not why Remove failed: not said there.
    await render([desk], { [desk.id]: { input, problems: [], busy: 'idle', savedNow: false, error: { kind: 'offline', retryable: true } } });
    expect(host.querySelector('.desk__confirm [role="alert"]')).toBeNull();
    await render([desk], { [desk.id]: { input, problems: [], busy: 'idle', savedNow: false, removeError: { kind: 'server', retryable: true, detail: 'no answer from the background' } } });
    expect(host.querySelector('.desk__confirm [role="alert"]')?.textContent).toBeTruthy();
  });
});
