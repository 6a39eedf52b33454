import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { draftShelf } from '@/lib/platform/storage';
import { createDrafts, draftKey, pageKey, type Draft, type DraftShelf, type PageLock } from '@/lib/requests/draft';

const draft = (subject: string, page: string, updatedAt = 10): Draft => ({
  deskId: 'rt:desk',
  departmentId: '3',
  formId: '3',
  page,
  subject,
  description: '',
  fields: {},
  excluded: [],
  updatedAt,
});

describe('drafts in extension storage', () => {
  it('keys a draft by form and page, without the page secrets or fragment', () => {
    expect(pageKey('https://x.example/a?token=s3cretvalue123#top')).not.toMatch(/s3cret|#top/);
    expect(pageKey(undefined)).toBe('');
    expect(draftKey(draft('a', 'https://x.example/a'))).not.toBe(draftKey(draft('a', 'https://x.example/b')));
  });

  it('stores each draft and its context under its own key, and the last write wins', async () => {
    fakeBrowser.reset();
    const drafts = createDrafts(draftShelf, () => 20);
    const a = draft('first', 'https://x.example/a');
    await Promise.all([drafts.save(a), drafts.save({ ...a, subject: 'second' }), drafts.save({ ...a, subject: 'third' })]);
    await drafts.save(draft('other page', 'https://x.example/b'));
    await drafts.saveContext(a, { redactions: 0, gaps: [], selection: 'kept' });
    expect((await drafts.list()).map((d) => d.subject).sort()).toEqual(['other page', 'third']);
    expect(await drafts.context(a)).toMatchObject({ selection: 'kept' });
    await drafts.remove(a);
    expect((await drafts.list()).map((d) => d.subject)).toEqual(['other page']);
    expect(await drafts.context(a)).toBeNull();
  });
});

describe('drafts changed from two pages at once', () => {
  /** One storage map, slow to answer, as two pages of the extension see it. */
  function slowShelf() {
    let stored: Record<string, Draft> = {};
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const shelf: DraftShelf = {
      readAll: async () => (await tick(), { ...stored }),
      writeAll: async (drafts) => void (await tick(), (stored = { ...drafts })),
      readContext: async () => null,
      writeContext: async () => undefined,
    };
    return { shelf, stored: () => stored };
  }
  /** A lock shared by the pages, as Web Locks are. */
  function sharedLock(): PageLock {
    let tail: Promise<unknown> = Promise.resolve();
    return (task) => {
      const next = tail.then(task, task);
      tail = next.catch(() => undefined);
      return next;
    };
  }
  const base: Draft = { deskId: 'rt', departmentId: '3', formId: '3', page: 'https://a.example/', subject: 'Door', description: '', fields: {}, excluded: [], updatedAt: 1 };

  it('keeps both with the pages\' lock (without it, the later write drops the other page\'s draft)', async () => {
    const unlocked = slowShelf();
    await Promise.all([createDrafts(unlocked.shelf, () => 1).save(base), createDrafts(unlocked.shelf, () => 1).save({ ...base, formId: '4', subject: 'Laptop' })]);
    expect(Object.keys(unlocked.stored())).toHaveLength(1);

    const locked = slowShelf();
    const lock = sharedLock();
    await Promise.all([createDrafts(locked.shelf, () => 1, lock).save(base), createDrafts(locked.shelf, () => 1, lock).save({ ...base, formId: '4', subject: 'Laptop' })]);
    expect(Object.values(locked.stored()).map((d) => d.subject).sort()).toEqual(['Door', 'Laptop']);
  });

  it('gives a draft back only if no newer one of the same form and page was begun, looked for and written in one step', async () => {
    const { shelf, stored } = slowShelf();
    const lock = sharedLock();
    const background = createDrafts(shelf, () => 1, lock);
    const popup = createDrafts(shelf, () => 1, lock);
    const typedSince = { ...base, subject: 'Door, typed on', updatedAt: 5 };
    const [back] = await Promise.all([background.saveUnlessNewer({ ...base, updatedAt: 9 }, null, base.updatedAt), popup.save(typedSince)]);
    expect(back).toBe('saved');
    // The popup's save came after the look: the give-back wrote first, then the popup; or it came before: 'newer'.
    expect(Object.values(stored()).map((d) => d.subject)).toEqual(['Door, typed on']);
    expect(await background.saveUnlessNewer({ ...base, updatedAt: 9 }, null, base.updatedAt)).toBe('newer');
    expect(Object.values(stored()).map((d) => d.subject)).toEqual(['Door, typed on']);
  });
});
