// Notifications with a "Rate" button: Chrome shows it; a browser that refuses buttons (Firefox
// throws on them) still shows the notification, without it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notify } from '@/lib/platform/surfaces';

const spec = { id: 'instant-desk|https://desk/1 chrome-extension://id/popup.html?rate=d%2F1#requests', title: 'Door (#1)', message: 'Now: resolved', button: { title: 'Rate', url: 'chrome-extension://id/popup.html?rate=d%2F1#requests' } };

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('notify', () => {
  it('shows the button where the browser takes it', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockResolvedValue(spec.id as never);
    await notify([spec]);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]?.[1]).toMatchObject({ title: 'Door (#1)', buttons: [{ title: 'Rate' }] });
  });

  it('falls back to no button where the browser throws on it', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation(((id: string, options: { buttons?: unknown }) => {
      if (options.buttons) throw new Error('Type error for parameter options (Property "buttons" is unsupported by Firefox)');
      return Promise.resolve(id);
    }) as never);
    await notify([spec]);
    expect(create).toHaveBeenCalledTimes(2);
    expect(create.mock.calls[1]?.[1]).not.toHaveProperty('buttons');
  });
});
