// Signing in with the desk's own login: who the user is comes from the name or address they
// gave, read with RT's answers as recorded (a requester may read their own record by user
// name; by e-mail address RT answers 403).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRtAdapter } from '@/lib/desks/rt/adapter';
import type { DeskConfig } from '@/lib/domain';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rt', name), 'utf8');
const user = JSON.parse(fixture('user.json')) as { Name: string; EmailAddress: string };

function adapter(email: string, record = user) {
  const asked: string[] = [];
  const config: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'desk', baseUrl: 'https://rt.example.com', auth: { mode: 'session' }, email };
  const fetch = async (url: string, init?: RequestInit) => {
    asked.push(`${decodeURIComponent(new URL(url).pathname)} ${init?.credentials}`);
    if (url.endsWith(`/user/${encodeURIComponent(record.Name)}`)) return new Response(JSON.stringify(record), { status: 200, headers: { 'Content-Type': 'application/json' } });
    return new Response(fixture('forbidden.json'), { status: 403, headers: { 'Content-Type': 'application/json' } });
  };
  return { rt: createRtAdapter(config, { fetch, sleep: async () => undefined }), asked };
}

describe('RT with the desk login (session cookie)', () => {
  it('finds the user by the local part of their address when RT refuses the address', async () => {
    const { rt, asked } = adapter(user.EmailAddress);
    expect((await rt.whoAmI()).name).toBe(user.Name);
    expect(asked).toEqual([`/REST/2.0/user/${user.EmailAddress} include`, `/REST/2.0/user/${user.Name} include`]);
  });

  it('takes a user name as given', async () => {
    const { rt, asked } = adapter(user.Name);
    expect((await rt.whoAmI()).email).toBe(user.EmailAddress);
    expect(asked).toHaveLength(1);
  });

  it('does not take someone else whose user name happens to match', async () => {
    const { rt } = adapter(`${user.Name}@another.example`);
    await expect(rt.whoAmI()).rejects.toMatchObject({ error: { kind: 'forbidden' } });
  });

  it('says plainly when RT refuses changes made with the web session (its CSRF check), and keeps reads as they were', async () => {
    const config: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'desk', baseUrl: 'https://rt.example.com', auth: { mode: 'session' }, email: user.Name };
    const csrf = JSON.stringify({ message: 'Cross-site request forgery protection refused this request' });
    for (const answer of [new Response(csrf, { status: 403, headers: { 'Content-Type': 'application/json' } }), new Response('Internal Server Error', { status: 500, headers: { 'Content-Type': 'text/plain' } })]) {
      const fetch = async (_url: string, init?: RequestInit) => (init?.method === 'POST' ? answer.clone() : new Response(fixture('forbidden.json'), { status: 403, headers: { 'Content-Type': 'application/json' } }));
      const rt = createRtAdapter(config, { fetch, sleep: async () => undefined });
      await expect(rt.reply({ deskId: 'rt:desk', id: '1', key: '#1', url: '' }, 'hello', [])).rejects.toMatchObject({ error: { kind: 'config', retryable: false, detail: 'error.rtSessionWrite' } });
      // A read RT refuses for rights is still what it was.
      await expect(rt.whoAmI()).rejects.toMatchObject({ error: { kind: 'forbidden' } });
    }
  });
});
