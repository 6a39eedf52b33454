// The permissions are the minimum: a new one has to change this test, a visible decision.
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Record<string, unknown>;
const manifest = (browser: string) => (config.manifest as ManifestFn)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });

describe('manifest', () => {
  it.each(['chrome', 'firefox'])('%s: exactly these permissions, and no site access at install', (browser) => {
    const m = manifest(browser);
    expect(m.permissions).toEqual(['storage', 'activeTab', 'scripting', 'alarms', 'notifications', 'contextMenus', 'identity', 'idle']);
    expect(m.host_permissions).toEqual([]);
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('has the keyboard commands, and a fixed key for a fixed Chrome extension id', () => {
    const m = manifest('chrome');
    expect(Object.keys(m.commands as object)).toEqual(['_execute_action', 'report-page']);
    expect(typeof m.key).toBe('string');
    expect(manifest('firefox').key).toBeUndefined();
  });
});
