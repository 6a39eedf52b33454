// MESSAGE_NAMES is derived from the protocol: every message the background answers, once.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/lib/background/handlers';
import { isEnvelope, MESSAGE_NAMES, type MessageName, type Protocol } from '@/lib/messaging/protocol';
import { backgroundDeps } from '../support/background';

describe('MESSAGE_NAMES', () => {
  it('has the type of the protocol\'s keys', () => {
    expectTypeOf<(typeof MESSAGE_NAMES)[number]>().toEqualTypeOf<keyof Protocol>();
    expectTypeOf<MessageName>().toEqualTypeOf<keyof Protocol>();
  });

  it('names each message once, the same ones the background answers', () => {
    fakeBrowser.reset();
    const { handlers } = createBackground(backgroundDeps({ fetch: async () => new Response(null, { status: 204 }), now: () => 0, hasOrigin: async () => false, listUrl: '', newId: () => 'x' }));
    expect(new Set(MESSAGE_NAMES).size).toBe(MESSAGE_NAMES.length);
    expect([...MESSAGE_NAMES].sort()).toEqual(Object.keys(handlers).sort());
    expect(MESSAGE_NAMES).toContain('form.fields');
  });

  it('accepts exactly those names in an envelope', () => {
    for (const name of MESSAGE_NAMES) expect(isEnvelope({ channel: 'instant-desk', name, request: {} })).toBe(true);
    expect(isEnvelope({ channel: 'instant-desk', name: 'form.field', request: {} })).toBe(false);
    expect(isEnvelope({ channel: 'other', name: 'form.fields', request: {} })).toBe(false);
  });
});
