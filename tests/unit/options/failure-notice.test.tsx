// @vitest-environment jsdom
// A part of the settings that could not be read or kept: Try again is marked busy while it runs
// (kept in place, with its focus), a second press meanwhile does nothing, and a failure that stays
// is said again (its message given anew inside the alert).
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { FailureNotice } from '@/components/options/FailureNotice';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('FailureNotice', () => {
  it('is busy while Try again runs, ignores a second press, and says a failure that stays again', async () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    let done!: () => void;
    const onRetry = vi.fn(() => new Promise<void>((r) => (done = r)));
    await act(() => root.render(<FailureNotice part="desks" failure="read" onRetry={onRetry} />));
    const alert = host.querySelector('[role="alert"]')!;
    const message = alert.querySelector('p')!;
    expect(message.textContent).toBe('Your desks could not be read just now. Nothing was changed.');
    const button = alert.querySelector('button')!;
    expect(button.getAttribute('aria-describedby')).toBe(message.id);
    button.focus();
    await act(async () => button.click());
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(alert.querySelector('[role="status"]')?.textContent).toBe('Trying again…');
    await act(async () => button.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
    await act(async () => done());
    expect(button.isConnected && document.activeElement === button).toBe(true);
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    const again = alert.querySelector('p')!;
    expect(again).not.toBe(message);
    expect(again.textContent).toBe(message.textContent);
    await act(async () => root.render(<FailureNotice part="desks" onRetry={onRetry} />));
    expect(host.querySelector('[role="alert"]')).toBeNull();
    await act(() => root.unmount());
  });
});
