// Sync cost against the real Request Tracker, in the real extension: desk requests and time
// per sync with 1, 50 and 500 open requests (a full look, a routine sync with nothing new, a
// routine sync after one staff reply), and the requests per hour of an active user with nothing new.
import { configureDesk, launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { countDeskCalls } from './support/setup.mjs';
import { join } from 'node:path';

const SIZES = [1, 50, 500];
const INTERVAL_MIN = 5; // the default check interval for an active user (lib/settings/preferences.ts)

function rtClient(facts) {
  const root = `Basic ${Buffer.from('root:password').toString('base64')}`;
  const call = async (path, init = {}, auth = root) => {
    const res = await fetch(`${facts.baseUrl}/REST/2.0${path}`, { ...init, headers: { Authorization: auth, 'Content-Type': 'application/json' } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  return {
    call,
    async openIds(email) {
      const q = encodeURIComponent(`Requestor.EmailAddress = '${email}' AND Status = '__Active__'`);
      const ids = [];
      for (let page = 1; ; page++) {
        const r = await call(`/tickets?query=${q}&per_page=100&page=${page}`);
        ids.push(...r.items.map((t) => t.id));
        if (r.items.length < 100) return ids;
      }
    },
    file: (token, email, n) =>
      call('/ticket', { method: 'POST', body: JSON.stringify({ Queue: 'IT', Subject: `Bench request ${n}`, Content: 'bench', Requestor: email }) }, `token ${token}`),
  };
}

async function parallel(n, limit, task) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < n) await task(next++);
  }));
}

export async function run({ facts }) {
  const rt = rtClient(facts);
  const email = facts.users.bob;
  for (const id of await rt.openIds(email)) await rt.call(`/ticket/${id}`, { method: 'PUT', body: JSON.stringify({ Status: 'resolved' }) });

  const app = await launchWithExtension(join(ROOT, '.output', 'bench', 'chrome-mv3'));
  const page = await configureDesk(app, facts.baseUrl, facts.tokens.bob);
  const deskCalls = await countDeskCalls(app);
  const measure = async (full) => {
    await deskCalls.reset();
    const ms = await page.evaluate(async (full) => {
      const t0 = performance.now();
      const r = await chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'requests.sync', request: { full } });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return performance.now() - t0;
    }, full);
    return { calls: await deskCalls.read(), ms };
  };
  const fmt = ({ calls, ms }) => `${calls} request(s), ${ms.toFixed(0)} ms`;

  const lines = [];
  let open = 0;
  let idle;
  for (const size of SIZES) {
    await parallel(size - open, 4, (i) => rt.file(facts.tokens.bob, email, open + i));
    open = size;
    // Steady state: the last change is more than a few seconds old, as between 2-minute syncs.
    // (A sync within 5 s of a change also re-reads requests changed in that same second.)
    await new Promise((r) => setTimeout(r, 6000));
    const full = await measure(true);
    const quiet = await measure(false);
    const ids = await rt.openIds(email);
    await rt.call(`/ticket/${ids[0]}/correspond`, { method: 'POST', body: JSON.stringify({ Content: 'Staff reply for the bench', ContentType: 'text/plain' }) });
    await new Promise((r) => setTimeout(r, 1000));
    const changed = await measure(false);
    lines.push(`${size} open: full look ${fmt(full)}; routine, nothing new ${fmt(quiet)}; routine, one new staff reply ${fmt(changed)}`);
    if (size === 1) idle = quiet;
  }
  await app.context.close();
  for (const id of await rt.openIds(email)) await rt.call(`/ticket/${id}`, { method: 'PUT', body: JSON.stringify({ Status: 'resolved' }) });
  // An idle user: one routine sync per interval, each costing what "nothing new" measured.
  const perHour = (60 / INTERVAL_MIN) * idle.calls;
  lines.push(`active user with 5 open requests, nothing new: ${perHour} desk requests per hour (${60 / INTERVAL_MIN} syncs × ${idle.calls}; a full look every 30 min replaces a routine one)`);
  return lines;
}
