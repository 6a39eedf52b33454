import { describe, expect, it, vi } from 'vitest';
import type { Client } from '@/lib/messaging/protocol';
import { createOptionsStore } from '@/stores/options';

function store(granted: boolean) {
  const call = vi.fn(async (name: string) => {
    if (name === 'desk.test') return { ok: true, value: { user: { displayName: 'Alice' }, departments: [] } };
    if (name === 'desk.save') return { ok: true, value: { id: 'rt:desk', kind: 'rt', name: 'desk', baseUrl: 'https://desk.example.com', authMode: 'token', hasToken: true } };
    return { ok: true, value: null };
  });
  const requestOrigin = vi.fn(async () => granted);
  const s = createOptionsStore({ client: { call } as unknown as Client, requestOrigin, readCatalog: async () => null });
  s.getState().change({ baseUrl: 'https://desk.example.com/rt', token: '1-27-abc' });
  return { s, call, requestOrigin };
}

describe('options store', () => {
  it('asks for exactly the desk origin before testing, and tests only once it is granted', async () => {
    const { s, call, requestOrigin } = store(true);
    await s.getState().test();
    expect(requestOrigin).toHaveBeenCalledWith('https://desk.example.com/*');
    expect(call).toHaveBeenCalledWith('desk.test', expect.anything());
    expect(s.getState().result?.user.displayName).toBe('Alice');
  });

  it('says what to do when the permission is refused, and sends nothing', async () => {
    const { s, call } = store(false);
    await s.getState().save();
    expect(s.getState().error).toMatchObject({ kind: 'permission', detail: 'https://desk.example.com' });
    expect(call).not.toHaveBeenCalledWith('desk.save', expect.anything());
    expect(s.getState().busy).toBe('idle');
  });

  it('asks for the origin once per Save: the check after saving runs outside the click', async () => {
    const { s, call, requestOrigin } = store(true);
    await s.getState().save();
    expect(requestOrigin).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('desk.test', expect.anything());
    expect(s.getState().result?.user.displayName).toBe('Alice');
    expect(s.getState().savedNow).toBe(true);
  });

  it('shows problems per field without asking for anything', async () => {
    const { s, requestOrigin } = store(true);
    s.getState().change({ baseUrl: 'http://desk.example.com' });
    await s.getState().test();
    expect(s.getState().problems).toEqual([{ field: 'baseUrl', code: 'insecure' }]);
    expect(requestOrigin).not.toHaveBeenCalled();
  });
});
