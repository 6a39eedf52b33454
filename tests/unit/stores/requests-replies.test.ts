// A reply on its way in one conversation holds that conversation only: another one opened
// meanwhile has its own reply box and Send (found by a review, 2026-12-06: one flag for all
// made the other read-only, "Sending…", and refused its Send).
import { expect, it } from 'vitest';
import type { Client } from '@/lib/messaging/protocol';
import { keyOf, type Snapshot, type TrackedRequest } from '@/lib/tracking/snapshot';
import { createRequestsStore } from '@/stores/requests';

const request = (id: string): TrackedRequest => ({
  ref: { deskId: 'd', id, key: `#${id}`, url: `https://desk/${id}` },
  departmentId: '3',
  subject: `Request ${id}`,
  status: 'open',
  category: 'open',
  created: '2026-12-06T09:00:00Z',
  updated: '2026-12-06T09:00:00Z',
  unseen: false,
});

it('a reply being sent in one conversation leaves another free to send its own', async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const sent: string[] = [];
  const client = {
    call: async (name: string, args: { ref?: { id: string } }) => {
      if (name === 'requests.reply') {
        sent.push(args.ref!.id);
        if (args.ref!.id === 'A') await held;
      }
      if (name === 'requests.conversation') return { ok: true, value: [] };
      return { ok: true, value: null };
    },
  } as unknown as Client;
  const snapshot: Snapshot = { watermarks: {}, syncedAt: 0, reconciledAt: 0, requests: [request('A'), request('B')] };
  const store = createRequestsStore({ client, readSnapshot: async () => snapshot, now: () => 0 });
  await store.getState().start({ sync: false });
  const [a, b] = snapshot.requests.map(keyOf) as [string, string];
  await store.getState().open(a);
  store.getState().setReply('Still cold');
  const sending = store.getState().sendReply();
  expect(store.getState().replyingTo).toEqual([a]);
  store.getState().close();
  await store.getState().open(b);
  store.getState().setReply('Another question');
  await store.getState().sendReply();
  expect(sent).toEqual(['A', 'B']);
  expect(store.getState().replyingTo).toEqual([a]);
  release();
  await sending;
  expect(store.getState().replyingTo).toEqual([]);
});
