import { describe, expect, it, vi } from 'vitest';
import { createClient, isEnvelope, MESSAGE_NAMES, type Handlers } from '@/lib/messaging/protocol';
import { createRouter, isOwnPage } from '@/lib/messaging/router';
import { DeskFailure, deskError } from '@/lib/domain';

const ID = 'mkkkdafndgmepkjkihplfgnmmkiokclh';
const ORIGIN = `chrome-extension://${ID}`;
const own = { id: ID, url: `${ORIGIN}/popup.html` };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const none = () => Promise.reject(new Error('not used'));
  return Object.fromEntries(MESSAGE_NAMES.map((n) => [n, overrides[n] ?? none])) as Handlers;
}

describe('messaging', () => {
  it('round-trips a typed call through the router', async () => {
    const router = createRouter(handlers({ 'desk.list': async () => [] }), (s) => isOwnPage(s, ID, ORIGIN));
    const client = createClient(async (message) => router(message, own));
    await expect(client.call('desk.list', {})).resolves.toEqual({ ok: true, value: [] });
  });

  it('returns errors as values with their kind, never a thrown stack', async () => {
    const router = createRouter(
      handlers({ 'catalog.refresh': async () => Promise.reject(new DeskFailure(deskError('unauthorized'))) }),
      () => true,
    );
    const client = createClient(async (m) => router(m, own));
    await expect(client.call('catalog.refresh', {})).resolves.toEqual({ ok: false, error: { kind: 'unauthorized', retryable: false } });
  });

  it('refuses senders that are not the extension\'s own pages', async () => {
    const submit = vi.fn();
    const router = createRouter(handlers({ 'request.submit': submit }), (s) => isOwnPage(s, ID, ORIGIN));
    const message = { channel: 'instant-desk', name: 'request.submit', request: {} };
    for (const sender of [
      { id: ID, url: 'https://evil.example/' }, // a content script on a page
      { id: 'otherextensionid', url: 'chrome-extension://otherextensionid/x.html' },
      { url: `${ORIGIN}/popup.html` },
    ]) {
      await expect(router(message, sender)).resolves.toMatchObject({ ok: false, error: { kind: 'permission' } });
    }
    expect(submit).not.toHaveBeenCalled();
  });

  it('ignores messages that are not ours, so other listeners can answer', () => {
    const router = createRouter(handlers(), () => true);
    expect(router({ type: 'something' }, own)).toBeUndefined();
    expect(router({ channel: 'instant-desk', name: 'no.such' }, own)).toBeUndefined();
    expect(isEnvelope({ channel: 'instant-desk', name: 'desk.list', request: {} })).toBe(true);
  });

  it('turns a dead background into an error value', async () => {
    const client = createClient(() => Promise.reject(new Error('Could not establish connection')));
    await expect(client.call('desk.list', {})).resolves.toMatchObject({ ok: false, error: { kind: 'server' } });
  });
});
