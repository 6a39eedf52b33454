// @vitest-environment jsdom
// The keyboard focus after an action whose button would go (or whose view is swapped): it stays on
// the button, marked busy, or moves where the person goes on, never to the page (found by a
// review, 2026-12-06: each of these dropped it to <body>).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestsView } from '@/components/popup/RequestsView';
import { ConversationView } from '@/components/popup/ConversationView';
import { HomeView } from '@/components/popup/HomeView';
import { SentView } from '@/components/popup/SentView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(async () => {
  if (root) await act(() => root!.unmount());
  root = undefined;
  document.body.innerHTML = '';
});
function mount() {
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  return host;
}
const button = (host: HTMLElement, text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;
const noop = () => undefined;

describe('focus after an action', () => {
  it('My requests: "Try now" on a queued row keeps the focus while it runs', async () => {
    const host = mount();
    const outbox = [{ clientId: 'c1', input: { draft: { subject: 'Cold room', deskId: 'd', departmentId: '3' } }, createdAt: 0, attempts: 1, nextAt: 0, held: false }] as never;
    const render = (retrying?: string) =>
      act(() =>
        root!.render(
          <RequestsView requests={[]} outbox={outbox} retrying={retrying} onRetry={noop} onCancel={noop} departmentName={() => 'Facilities'} syncing={false} now={0} onOpen={noop} onAction={noop} />,
        ),
      );
    await render();
    const tryNow = button(host, 'Try now');
    tryNow.focus();
    await render('c1');
    expect(document.activeElement).not.toBe(document.body);
  });

  it('Conversation: "Send reply" keeps the focus while the reply is sent', async () => {
    const host = mount();
    const request = { ref: { deskId: 'd', id: '1', key: '1', url: 'https://desk/1' }, departmentId: '3', subject: 'Cold room', status: 'open', category: 'open', updated: '', unseen: false } as never;
    const render = (replying: boolean) =>
      act(() =>
        root!.render(
          <ConversationView request={request} messages={[]} reply="Still cold" replying={replying} replySent={false} now={0}
            onBack={noop} onReply={noop} onPickFile={noop} onRemoveFile={noop} onSend={noop} onReload={noop} onOpenDesk={noop} onAction={noop} />,
        ),
      );
    await render(false);
    const send = button(host, 'Send reply');
    send.focus();
    await render(true);
    expect(document.activeElement).not.toBe(document.body);
  });

  it('Home: "Try again" under a catalog error hands the focus to the search box as the notice goes', async () => {
    const host = mount();
    const render = (syncing: boolean) =>
      act(() =>
        root!.render(
          <HomeView query="" rows={[{ key: 'k', name: 'Facilities', blurb: '' }]} total={1} hasCatalog configured syncing={syncing}
            syncError={syncing ? undefined : { kind: 'offline', retryable: true }} onQuery={noop} onPick={noop} drafts={[]} now={0} onResume={noop} onAction={noop} />,
        ),
      );
    await render(false);
    const retry = button(host, 'Try again');
    retry.focus();
    await act(() => retry.click());
    await render(true);
    expect(document.activeElement).toBe(host.querySelector('input[type="search"]'));
  });

  it("Sent: the confirmation's heading takes the focus once the form it replaces is gone", async () => {
    const host = mount();
    await act(() => root!.render(<form><button type="submit">Send</button></form>));
    button(host, 'Send').focus();
    const outcome = { ticket: { deskId: 'd', id: '1234', key: '#1234', url: 'https://desk/1234' }, departmentName: 'Facilities', dropped: [], confirmed: true };
    await act(() => root!.render(<SentView outcome={outcome} onOpen={noop} onAnother={noop} />));
    expect(document.activeElement?.textContent).toBe('#1234 filed to Facilities');
  });
});

describe('the keyboard, as UX.md has it', () => {
  const request = { ref: { deskId: 'd', id: '1', key: '1', url: 'https://desk/1' }, departmentId: '3', subject: 'Cold room', status: 'open', category: 'open', updated: '', unseen: false } as never;
  const conversation = (on: { back?: () => void; send?: () => void }, reply = '', mac = false) => (
    <ConversationView request={request} messages={[]} reply={reply} replying={false} replySent={false} now={0} mac={mac}
      onBack={on.back ?? noop} onReply={noop} onPickFile={noop} onRemoveFile={noop} onSend={on.send ?? noop} onReload={noop} onOpenDesk={noop} onAction={noop} />
  );
  const key = (el: Element, init: KeyboardEventInit) => act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));

  it('Conversation: Esc goes back to the list; Ctrl+Enter sends a reply, not an empty one', async () => {
    const host = mount();
    const calls: string[] = [];
    await act(() => root!.render(conversation({ back: () => calls.push('back'), send: () => calls.push('send') })));
    const box = host.querySelector('textarea')!;
    await key(box, { key: 'Enter', ctrlKey: true });
    expect(calls).toEqual([]);
    await act(() => root!.render(conversation({ back: () => calls.push('back'), send: () => calls.push('send') }, 'Still cold')));
    await key(box, { key: 'Enter', ctrlKey: true });
    await key(box, { key: 'Escape' });
    expect(calls).toEqual(['send', 'back']);
  });

  it('names the send shortcut as the keyboard has it (⌘ on a Mac)', async () => {
    const host = mount();
    await act(() => root!.render(conversation({}, 'x', true)));
    expect(button(host, 'Send reply').title).toBe('Send (⌘+Return)');
    expect(button(host, 'Send reply').getAttribute('aria-keyshortcuts')).toBe('Meta+Enter');
    await act(() => root!.render(conversation({}, 'x', false)));
    expect(button(host, 'Send reply').title).toBe('Send (Ctrl+Enter)');
  });

  it('Home: says how many forms match what is typed, or that none does, to a screen reader', async () => {
    const host = mount();
    const home = (query: string, rows: { key: string; name: string; blurb: string }[], total = rows.length) =>
      act(() => root!.render(<HomeView query={query} rows={rows} total={total} hasCatalog configured syncing={false} onQuery={noop} onPick={noop} drafts={[]} now={0} onResume={noop} onAction={noop} />));
    const status = () => host.querySelector('p[role="status"]')!.textContent;
    await home('', [{ key: 'a', name: 'IT', blurb: '' }, { key: 'b', name: 'HR', blurb: '' }]);
    expect(status()).toBe('');
    await home('lap', [{ key: 'a', name: 'IT', blurb: '' }]);
    expect(status()).toBe('Forms that match: 1');
    // More match than are drawn: all are counted.
    await home('a', [{ key: 'a', name: 'IT', blurb: '' }], 120);
    expect(status()).toBe('Forms that match: 120');
    await home('zzz', []);
    expect(status()).toBe('Nothing matches “zzz”.');
  });
});
