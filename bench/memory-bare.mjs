// The extension process's memory over OPENS opens with no DevTools on the pages opened: the
// browser started on its own (a profile the desk was set up in), pages opened and closed over
// the bare DevTools protocol (Target.createTarget, closed HOLD_MS later), nothing attached but a
// keeper page that asks V8 for a full garbage collection before each reading. The tracker's
// syncs are held off (an hour's interval, no recent activity, no alarm), so what is measured is
// the opens, not a service worker started again for a sync. Three runs, each in a fresh browser:
// the popup, the empty extension page, and no opens at all for the same time. PSS from /proc.
// After the opens, every page is closed, as between a user's looks at the popup: whether the
// process that kept their memory ends, and what the next open's process holds.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { extensionFlags, launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { extensionRenderers, pss } from './memory.mjs';
import { configureRt } from './support/setup.mjs';

const OPENS = Number(process.env.INSTANT_DESK_MEMORY_OPENS ?? 100);
const HOLD_MS = 1500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A profile with the desk set up, the popup opened once, and the tracker's syncs held off. */
async function prepare(dir, facts) {
  const profile = mkdtempSync(join(tmpdir(), 'instant-desk-bare-'));
  const app = await launchWithExtension(dir, { profile });
  try {
    await configureRt(app, facts.baseUrl, facts.tokens.alice);
    const page = await app.context.newPage();
    await page.goto(app.url('popup.html'));
    await page.locator('#root[data-app="react"] .card').first().waitFor();
    await sleep(1500);
    await app.worker.evaluate(async () => {
      const { syncState } = await chrome.storage.local.get('syncState');
      await chrome.storage.local.set({ preferences: { notifications: true, intervalMin: 60 }, syncState: { ...syncState, lastActivityAt: 0 } });
      await chrome.alarms.clearAll();
    });
    return { profile, id: app.id };
  } finally {
    await app.context.close();
  }
}

async function measure(dir, facts, path) {
  const { profile, id } = await prepare(dir, facts);
  const args = [...extensionFlags(dir), `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1280,800', 'about:blank'];
  const chrome = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args, { stdio: 'ignore' });
  let ws;
  try {
    const portFile = join(profile, 'DevToolsActivePort');
    while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) await sleep(100);
    const [port, endpoint] = readFileSync(portFile, 'utf8').split('\n');
    ws = new WebSocket(`ws://127.0.0.1:${port}${endpoint}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    let seq = 0;
    const pending = new Map();
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      pending.get(m.id)?.(m);
      pending.delete(m.id);
    });
    const send = (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const n = ++seq;
        pending.set(n, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
        ws.send(JSON.stringify({ id: n, method, params, sessionId }));
      });
    await sleep(3000);
    const renderers = () => extensionRenderers(`--user-data-dir=${profile}`);
    const keep = async () => {
      const { targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/blank.html` });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      return { targetId, sessionId };
    };
    let keeper = await keep();
    const settled = async () => {
      await sleep(1000);
      for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, keeper.sessionId);
      await sleep(1000);
      return renderers().reduce((n, p) => n + pss(p), 0);
    };
    const open = async () => {
      if (!path) return sleep(HOLD_MS + 300);
      const { targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/${path}` });
      await sleep(HOLD_MS);
      await send('Target.closeTarget', { targetId });
      await sleep(300);
    };
    await open();
    const first = await settled();
    const samples = [];
    for (let i = 1; i <= OPENS; i++) {
      await open();
      if (i % 25 === 0) samples.push(await settled());
    }
    if (!path) return { first, samples };
    // As in use: no extension page open and nothing for the worker to do. Chrome stops the
    // worker after 30 s without events; does the process that kept the opens' memory end then,
    // and what does the next open start from?
    const before = renderers();
    const alive = () => renderers().some((p) => before.includes(p));
    await send('Target.closeTarget', { targetId: keeper.targetId });
    const quiet = Date.now();
    while (alive() && Date.now() - quiet < 180_000) await sleep(1000);
    const ended = alive() ? undefined : Math.round((Date.now() - quiet) / 1000);
    keeper = await keep();
    await open();
    return { first, samples, ended, again: await settled() };
  } finally {
    ws?.close();
    chrome.kill('SIGKILL');
    await sleep(500);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const lines = [];
  for (const [name, path] of [['popup', 'popup.html'], ['empty page', 'blank.html'], ['no opens', undefined]]) {
    const { first, samples, ended, again } = await measure(dir, facts, path);
    const last = samples.at(-1) ?? first;
    const late = (last - (samples[0] ?? first)) / (OPENS - 25);
    lines.push(`${name}, no DevTools on the pages: extension process PSS ${mib(first)} after the first open, ${mib(last)} after ${OPENS} more (every 25: ${samples.map(mib).join(', ')}); ${((last - first) / OPENS).toFixed(0)} KiB per open, ${late.toFixed(0)} KiB from the 25th on`);
    if (again !== undefined)
      lines.push(
        `${name}, then no extension page open: ${ended === undefined ? 'the process was still there after 180 s' : `the process ended ${ended} s after the last page closed`}; the next open's: ${mib(again)} (the first open's: ${mib(first)})`,
      );
  }
  return lines;
}
