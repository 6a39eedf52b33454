// A browser with no Playwright in it: started on its own over a profile the desk was set up in,
// and driven over the bare DevTools protocol (nothing attached to a page unless asked). What a
// person's browser does, without the harness's own work (network events, utility worlds) in the
// extension's process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { extensionFlags, launchWithExtension } from '../../scripts/lib/chromium.mjs';
import { configureRt } from './setup.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A new profile with the desk set up and the popup opened once (so its first frame is stored);
 * `then(app)` does more while Playwright still drives it. The profile and the extension's id.
 */
export async function preparedProfile(dir, facts, then = async () => {}) {
  const profile = mkdtempSync(join(tmpdir(), 'instant-desk-bare-'));
  try {
    const app = await launchWithExtension(dir, { profile });
    try {
      await configureRt(app, facts.baseUrl, facts.tokens.alice);
      const page = await app.context.newPage();
      await page.goto(app.url('popup.html'));
      await page.locator('#root[data-app="react"] .card').first().waitFor();
      await sleep(1500);
      await then(app);
      return { profile, id: app.id };
    } finally {
      await app.context.close();
    }
  } catch (err) {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    throw err;
  }
}

/**
 * Chromium on `profile` with the extension in `dir`, one about:blank tab, and its DevTools
 * endpoint: `send(method, params, sessionId)`, and `listen(fn)` for its events. `close()` ends the
 * browser and removes the profile.
 * `toolbar`: DevTools may press the extension's toolbar button (Extensions.triggerAction).
 */
export async function startBare(dir, profile, { toolbar = false } = {}) {
  const args = [...extensionFlags(dir), `--user-data-dir=${profile}`, '--remote-debugging-port=0', ...(toolbar ? ['--enable-unsafe-extension-debugging'] : []), '--window-size=1280,800', 'about:blank'];
  const chrome = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args, { stdio: 'ignore' });
  let ws;
  const close = async () => {
    ws?.close();
    chrome.kill('SIGKILL');
    await sleep(500);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  try {
    const portFile = join(profile, 'DevToolsActivePort');
    for (const end = Date.now() + 30_000; !existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2; await sleep(100))
      if (Date.now() > end || chrome.exitCode !== null) throw new Error('Chromium did not start (no DevTools port in 30 s)');
    const [port, endpoint] = readFileSync(portFile, 'utf8').split('\n');
    ws = new WebSocket(`ws://127.0.0.1:${port}${endpoint}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  } catch (err) {
    await close();
    throw err;
  }
  let seq = 0;
  const pending = new Map();
  const listeners = new Set();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.id === undefined) for (const listen of listeners) listen(m);
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  /** Calls `listen(event)` for every protocol event until the returned function is called. */
  const listen = (fn) => {
    listeners.add(fn);
    return () => listeners.delete(fn);
  };
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const n = ++seq;
      pending.set(n, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      ws.send(JSON.stringify({ id: n, method, params, sessionId }));
    });
  // The extension's worker starts and the tab settles, as after a person starts the browser.
  await sleep(3000);
  return { send, listen, close };
}

/**
 * The first target `match` accepts, once there (polled every 20 ms, up to `ms`). `type`: 'tab'
 * for tabs, which the protocol lists only when asked for them.
 */
export async function targetOf(send, match, { type, ms = 5000 } = {}) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) {
    const { targetInfos } = await send('Target.getTargets', type ? { filter: [{ type }] } : {});
    const found = targetInfos.find((t) => match(t));
    if (found) return found;
  }
  throw new Error('no such target');
}

/**
 * Switches the page the extension's toolbar button opens (`chrome.action.setPopup` in its worker,
 * which must be running), then leaves the worker: no DevTools session stays on the extension's
 * process (one slowed its pages about twofold). The browser keeps the choice once the worker stops.
 */
export async function setPopup(send, id, path) {
  const worker = await targetOf(send, (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
  const { sessionId } = await send('Target.attachToTarget', { targetId: worker.targetId, flatten: true });
  await send('Runtime.evaluate', { expression: `chrome.action.setPopup({ popup: '${path}' })`, awaitPromise: true }, sessionId);
  await send('Target.detachFromTarget', { sessionId });
}
