// @vitest-environment jsdom
// The preference cards while the user's preferences are not read (yet, or at all): every control
// shown but not editable, so a choice cannot be made over values nobody has seen; once read,
// editable (unless the administrator set it).
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationSettings } from '@/components/options/NotificationSettings';
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
