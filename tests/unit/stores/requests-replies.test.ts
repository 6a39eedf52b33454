// A reply on its way in one conversation holds that conversation only: another one opened
// meanwhile has its own reply box and Send (found by a review, 2026-12-06: one flag for all
// made the other read-only, "Sending…", and refused its Send). Through the real chain: the
// requests store's client → the router → the background → the recorded RT, whose answer to the
// first reply is held back.
import { beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { desksItem } from '@/lib/platform/storage';
import { keyOf, type Snapshot, type TrackedRequest } from '@/lib/tracking/snapshot';
import { createRequestsStore } from '@/stores/requests';
import { chain, DESK, fileColdRoom, openFacilities } from '../support/popup-chain';

beforeEach(async () => {
  fakeBrowser.reset();
  await desksItem.setValue([DESK]);
});

it('a reply being sent in one conversation leaves another free to send its own', async () => {
  const { rt, request, snapshot } = await fileColdRoom();
  // A second request on the same desk.
  const filing = chain({}, rt);
  await openFacilities(filing.store);
  filing.store.getState().edit({ subject: 'No heat', description: 'Radiator off' });
  filing.store.getState().setField('5', '1.02');
  await filing.store.getState().submit();
  const other = { ...request, ref: filing.store.getState().outcome!.ticket, subject: 'No heat' };
  const both = { ...snapshot, requests: [request, other] } as unknown as Snapshot;

  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const replyTo = (id: string) => new RegExp(`/ticket/${id}/correspond$`);
  const store = createRequestsStore({
    client: chain({ intercept: async (url, init) => (init?.method === 'POST' && replyTo(request.ref.id).test(url) ? void (await held) : undefined) }, rt).client,
    readSnapshot: async () => both,
    now: () => 0,
  });
  await store.getState().start({ sync: false });
  const [a, b] = both.requests.map((r: TrackedRequest) => keyOf(r)) as [string, string];
  await store.getState().open(a);
  store.getState().setReply('Still cold');
  const sending = store.getState().sendReply();
  expect(store.getState().replyingTo).toEqual([a]);
  store.getState().close();
  await store.getState().open(b);
  store.getState().setReply('Another question');
  await store.getState().sendReply();
  // The second went to the desk while the first was held.
  expect(rt.replies.map((r) => [r.id, r.text])).toEqual([[other.ref.id, expect.stringContaining('Another question')]]);
  expect(store.getState().replyingTo).toEqual([a]);
  release();
  await sending;
  expect(rt.replies.map((r) => r.id)).toEqual([other.ref.id, request.ref.id]);
  expect(store.getState().replyingTo).toEqual([]);
});
