import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { classifyResponse, parseRetryAfter, request } from '@/lib/http/client';
import { DeskFailure } from '@/lib/domain';

const loginPage = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rt', 'login-page.html'), 'utf8');
const res = (status: number, type = 'application/json', redirected = false) => ({
  status,
  redirected,
  headers: new Headers({ 'content-type': type }),
});

describe('classifyResponse', () => {
  it.each([
    ['RT JSON', res(200), '{"id":"1"}', undefined],
    ['no content', res(204, ''), '', undefined],
    ['bad token, API client', res(401), '{"message":"Unauthorized"}', 'unauthorized'],
    ["bad token, browser: RT's login page after a redirect", res(200, 'text/html; charset=utf-8', true), loginPage, 'unauthorized'],
    ['a login page without a redirect (SSO proxy)', res(200, 'text/html'), '<form action="/login"><input type="password"></form>', 'unauthorized'],
    ['no right', res(403), '{"message":"Forbidden"}', 'forbidden'],
    ['not found', res(404), '{"message":"Not Found"}', 'not-found'],
    ['malformed request', res(400), '{"message":"JSON parse error"}', 'rejected'],
    ['wrong content type', res(415), '', 'rejected'],
    ['rate limited', res(429), '', 'rate-limited'],
    ['server error', res(500), '', 'server'],
    ['bad gateway page', res(502, 'text/html'), '<html><body>Bad gateway</body></html>', 'server'],
    ['a portal page instead of the API', res(200, 'text/html'), '<!doctype html><html><body>Welcome</body></html>', 'not-api'],
    ['truncated JSON', res(200), '{"items":[{"id":', 'not-api'],
  ])('%s', (_, r, body, kind) => {
    expect(classifyResponse(r, body)?.kind).toBe(kind);
  });

  it('carries the desk message and Retry-After', () => {
    const r = { status: 429, redirected: false, headers: new Headers({ 'retry-after': '7' }) };
    expect(classifyResponse(r, '{"message":"slow down"}')).toMatchObject({ kind: 'rate-limited', detail: 'slow down', retryAfterMs: 7000, retryable: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('request', () => {
  it('retries reads on retryable failures, then succeeds', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValueOnce(new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(request({ fetch, sleep, random: () => 0.5 }, { url: 'https://d/x' })).resolves.toEqual({ ok: 1 });
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([300, 600]);
  });

  it('never retries a write', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response('', { status: 503 }));
    await expect(request({ fetch }, { url: 'https://d/x', method: 'POST', json: {} })).rejects.toBeInstanceOf(DeskFailure);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reports offline and timeout as such', async () => {
    await expect(request({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) }, { url: 'u', retries: 0 })).rejects.toMatchObject({
      error: { kind: 'offline' },
    });
    const hang = (_: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    await expect(request({ fetch: hang, timeoutMs: 10 }, { url: 'u', retries: 0 })).rejects.toMatchObject({ error: { kind: 'timeout' } });
  });
});

describe('describeError', () => {
  it('gives each error one plain sentence and one next action', async () => {
    const { describeError } = await import('@/lib/i18n/describe');
    expect(describeError({ kind: 'unauthorized', retryable: false })).toEqual({
      message: "You're not signed in to the desk, or your token has expired. Check the token in settings.",
      action: 'settings',
    });
    expect(describeError({ kind: 'unauthorized', retryable: false, signInUrl: 'https://desk/' }).action).toBe('signin');
    expect(describeError({ kind: 'rate-limited', retryable: true, retryAfterMs: 30_000 }).message).toBe('The desk asked us to slow down. Try again in 30 s.');
    expect(describeError({ kind: 'not-api', retryable: false }).action).toBe('settings');
    expect(describeError({ kind: 'offline', retryable: true }).action).toBe('retry');
  });
});
