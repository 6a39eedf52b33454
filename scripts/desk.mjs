#!/usr/bin/env node
// The project's desk harness: a real Request Tracker 5 on 127.0.0.1 for the demo and the
// end-to-end tests. Idempotent: `start` on a running desk and `install` on an installed
// machine cost nothing.
//
//   node scripts/desk.mjs install   Debian packages (root), or print what to install
//   node scripts/desk.mjs start     configure, seed on first start, start, wait until ready
//   node scripts/desk.mjs stop      stop by PID
//   node scripts/desk.mjs reset     stop and delete the desk's data
//   node scripts/desk.mjs status    print the desk facts (URL, tokens) as JSON
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA = resolve(process.env.INSTANT_DESK_DATA ?? join(here, '..', '.desk'));
export const PORT = Number(process.env.INSTANT_DESK_PORT ?? 18080);
const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
const PACKAGES = [
  'request-tracker5', 'rt5-db-sqlite', 'rt5-standalone', 'rt5-clients', 'dbconfig-no-thanks',
  'msmtp-mta', 'sqlite3', 'curl', 'chromium', 'firefox-esr',
];
const PRESEED = `request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/initial-root-password password password
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
request-tracker5 request-tracker5/rtname string instantdesk.local
msmtp msmtp/apparmor boolean false
`;

const log = (msg) => process.stderr.write(`[desk] ${msg}\n`);

function missingPackages() {
  return PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

export function install() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Request Tracker, Chromium or Firefox ESR are not installed, and installing them needs root. Run:\n` +
        `  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}\n` +
        `(answer "No" to database configuration), then run this command again.`,
    );
  }
  log(`installing ${missing.join(' ')} (about a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('debconf-set-selections', [], { input: PRESEED, stdio: ['pipe', 'inherit', 'inherit'], env });
  run('apt-get', ['update', '-qq', '-o', 'DPkg::Lock::Timeout=600'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...missing], { env });
}

function rtEnv() {
  return {
    ...process.env,
    RT_SITE_CONFIG: join(DATA, 'RT_SiteConfig.pm'),
    RT_SITE_CONFIG_DIR: join(DATA, 'RT_SiteConfig.d'),
    INSTANT_DESK_TOKENS: join(DATA, 'tokens.json'),
  };
}

function configure() {
  mkdirSync(join(DATA, 'RT_SiteConfig.d'), { recursive: true });
  mkdirSync(join(DATA, 'var', 'mason_data'), { recursive: true });
  mkdirSync(join(DATA, 'var', 'session_data'), { recursive: true });
  const config = readFileSync(join(here, 'rt', 'RT_SiteConfig.pm.in'), 'utf8')
    .replaceAll('@DATA@', DATA)
    .replaceAll('@PORT@', String(PORT));
  writeFileSync(join(DATA, 'RT_SiteConfig.pm'), config);
}

function seedVersion() {
  return createHash('sha256').update(readFileSync(join(here, 'rt', 'seed.pl'))).digest('hex');
}

function seeded() {
  try {
    return existsSync(join(DATA, 'tokens.json')) && readFileSync(join(DATA, 'seed.sha'), 'utf8') === seedVersion();
  } catch {
    return false;
  }
}

function seed() {
  if (seeded()) return;
  log('creating and seeding the database');
  for (const f of ['rt.sqlite', 'tokens.json', 'seed.sha']) rmSync(join(DATA, f), { force: true });
  const env = rtEnv();
  // RT's setup is chatty on stderr; keep it in a log and show it only when setup fails.
  const logFile = join(DATA, 'setup.log');
  const quiet = { env, stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')] };
  try {
    run('rt-setup-database', ['--action', 'init'], quiet);
    run('rt-setup-database', ['--action', 'insert', '--datafile', join(here, 'rt', 'seed.pl')], quiet);
  } catch (err) {
    process.stderr.write(readFileSync(logFile, 'utf8'));
    throw err;
  }
  writeFileSync(join(DATA, 'seed.sha'), seedVersion());
}

function readPid() {
  try {
    const pid = Number(readFileSync(join(DATA, 'rt.pid'), 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function waitReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/REST/2.0/rt`, { headers: { 'User-Agent': 'instant-desk-harness' } });
      if (res.status === 401 || res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Request Tracker did not answer on 127.0.0.1:${PORT} within ${timeoutMs / 1000} s; see ${join(DATA, 'rt.log')}`);
}

export function facts() {
  const tokens = JSON.parse(readFileSync(join(DATA, 'tokens.json'), 'utf8'));
  return {
    baseUrl: `http://127.0.0.1:${PORT}`,
    tokens,
    users: { alice: 'alice@example.com', bob: 'bob@example.com', dora: 'dora@example.com', kiri: 'kiri@example.com' },
    /** The employees' time zones at the desk (RT reads zone-less TicketSQL times in them). */
    zones: { alice: 'UTC', bob: 'UTC', dora: 'America/New_York', kiri: 'Pacific/Auckland' },
    // The employees' own desk logins (seed.pl), for signing in with the desk's session.
    logins: { alice: { user: 'alice', password: 'alice-password' }, bob: { user: 'bob', password: 'bob-password' } },
    root: { user: 'root', password: 'password' },
    dataDir: DATA,
  };
}

export async function start() {
  install();
  if (!seeded()) await stop(); // a new seed needs a new database, and a server that reads it
  configure();
  seed();
  if (!readPid()) {
    const out = openSync(join(DATA, 'rt.log'), 'a');
    const child = spawn(RT_SERVER, ['--server', 'Starlet', '--host', '127.0.0.1', '--port', String(PORT)], {
      env: rtEnv(),
      detached: true,
      stdio: ['ignore', out, out],
    });
    writeFileSync(join(DATA, 'rt.pid'), String(child.pid));
    child.unref();
    log(`Request Tracker starting on http://127.0.0.1:${PORT} (pid ${child.pid})`);
  }
  await waitReady(60_000);
  return facts();
}

export async function stop() {
  const pid = readPid();
  if (!pid) return;
  // Starlet forks workers into the same process group: end the whole group.
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  for (let i = 0; i < 40 && readPid(); i++) await new Promise((r) => setTimeout(r, 250));
  rmSync(join(DATA, 'rt.pid'), { force: true });
  log('Request Tracker stopped');
}

/** Stops the desk and deletes its data: the next start seeds a new one. */
export async function reset() {
  await stop();
  rmSync(DATA, { recursive: true, force: true });
}

async function main(cmd) {
  switch (cmd) {
    case 'install':
      return install();
    case 'start':
      return console.log(JSON.stringify(await start(), null, 2));
    case 'stop':
      return stop();
    case 'reset':
      return reset();
    case 'status':
      return console.log(JSON.stringify({ running: Boolean(readPid()), ...facts() }, null, 2));
    default:
      throw new Error('usage: node scripts/desk.mjs install|start|stop|reset|status');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((err) => {
    log(err.message);
    process.exit(1);
  });
}
