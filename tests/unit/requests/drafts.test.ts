import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { draftShelf } from '@/lib/platform/storage';
import { createDrafts, draftKey, pageKey, type Draft } from '@/lib/requests/draft';

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
