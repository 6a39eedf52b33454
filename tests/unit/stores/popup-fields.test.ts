// The popup loads a form's fields when it is opened, through the real chain: the popup store's
// client → the router → the background's handlers (createBackground) with WXT's fake storage and
// the recorded RT (tests/fixtures/rt/), as tests/unit/support/popup-chain.ts builds it. No message is faked.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { keepFields } from '@/lib/catalog/fields';
import type { FieldSpec } from '@/lib/domain';
import { desksItem, fieldsItem } from '@/lib/platform/storage';
import { chain, DESK, facilitiesForm as facilities, NOW } from '../support/popup-chain';

/**
 * The chain with the fields of queue 3 that can be held back (the desk is slow) or refused; the
 * popup store talks to the background through client and router.
 */
function fieldsChain(options: { fieldsStatus?: number } = {}) {
  let release: () => void = () => undefined;
  let held: Promise<void> | undefined;
  const fieldReads: string[] = [];
  const intercept = async (url: string) => {
    if (!new URL(url).pathname.endsWith('/queue/3/customfields')) return undefined;
    if (new URL(url).searchParams.get('page') === '1') fieldReads.push(url); // one read per look (RT pages until an empty one)
    if (held) await held;
    return options.fieldsStatus ? new Response('{"message":"No permission"}', { status: options.fieldsStatus, headers: { 'content-type': 'application/json' } }) : undefined;
  };
  const { store, messages } = chain({ intercept, pageUrl: 'https://intranet.example/rooms' });
  return {
    store,
    messages,
    fieldReads,
    hold: () => void (held = new Promise((r) => (release = r))),
    release: () => release(),
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await desksItem.setValue([DESK]);
});

describe('popup: a form\'s fields', () => {
  it('are asked for when a form without them is opened; named values are resolved to option values when they arrive', async () => {
    const { store, messages, fieldReads } = fieldsChain();
    await store.getState().start();
    const form = facilities(store);
    expect(form.fields).toBeUndefined(); // the catalog carries headers only
    store.getState().open(form, { building: 'hq south' });
    expect(messages).toContain('form.fields');
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    expect(store.getState().fields['rt:desk/3']!.map((f) => f.label)).toEqual(['Building', 'Page URL', 'Room']);
    expect(store.getState().draft?.fields).toEqual({ '4': 'HQ South' });
    expect(fieldReads).toHaveLength(1);
    // Kept by the background for the next popup.
    expect(Object.keys(await fieldsItem.getValue())).toEqual(['rt:desk/3']);
  });

  it('do not overwrite what the user typed while they were loading', async () => {
    const { store, hold, release, fieldReads } = fieldsChain();
    await store.getState().start();
    hold();
    store.getState().open(facilities(store), { Building: 'Lab', Room: '0.01' });
    await vi.waitFor(() => expect(fieldReads).toHaveLength(1));
    store.getState().setField('5', '2.14');
    store.getState().edit({ subject: 'Door sticks' });
    release();
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    expect(store.getState().draft).toMatchObject({ subject: 'Door sticks', fields: { '4': 'Lab', '5': '2.14' } });
  });

  it('apply the desk\'s defaults, under the named values, from the fields the background kept', async () => {
    const kept: FieldSpec[] = [
      { id: '4', label: 'Building', kind: 'select', required: false, default: 'HQ North', options: [{ value: 'HQ North', label: 'HQ North' }, { value: 'Lab', label: 'Laboratory' }] },
      { id: '5', label: 'Room', kind: 'text', required: true, default: '1.01' },
    ];
    await fieldsItem.setValue(keepFields({}, { deskId: 'rt:desk', id: '3' }, kept, NOW - 1000));
    const { store, messages, fieldReads } = fieldsChain();
    await store.getState().start();
    store.getState().open(facilities(store), { building: 'laboratory' });
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toEqual(kept));
    expect(messages.filter((m) => m === 'form.fields')).toHaveLength(1);
    expect(fieldReads).toEqual([]); // young enough: the desk was not asked
    expect(store.getState().draft?.fields).toEqual({ '4': 'Lab', '5': '1.01' });
  });

  it('are asked for once per popup: a form opened again uses them', async () => {
    const { store, messages } = fieldsChain();
    await store.getState().start();
    store.getState().open(facilities(store));
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    store.getState().back();
    store.getState().open(store.getState().catalog!.forms.find((f) => f.id === '5')!);
    store.getState().back();
    store.getState().open(facilities(store), { Room: '3.1' });
    expect(store.getState().draft?.fields).toEqual({ '5': '3.1' });
    expect(messages.filter((m) => m === 'form.fields')).toHaveLength(2);
  });

  it('say why when they cannot be loaded', async () => {
    const { store } = fieldsChain({ fieldsStatus: 403 });
    await store.getState().start();
    store.getState().open(facilities(store));
    await vi.waitFor(() => expect(store.getState().fieldsError).toMatchObject({ kind: 'forbidden', detail: 'No permission' }));
    expect(store.getState().fields['rt:desk/3']).toBeUndefined();
    expect(store.getState().draft?.fields).toEqual({});
  });
});
