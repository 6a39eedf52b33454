#!/usr/bin/env node
// Learn a routing model from a desk's past requests, on the administrator's machine:
//
//   npm run learn-routing -- --desk rt --url http://127.0.0.1:18080 --token <staff token> --out routing-model.json
//   (--user root --password … for basic auth; --query "TicketSQL" to choose the requests, default all;
//    --max 5000 requests; --per-label 40 words; --min-count 2)
//
// Reads each request's subject and first message (RT REST 2.0) with its queue, builds the
// model with lib/catalog/routing/learn.ts (the extension's own analyser) and writes JSON for
// the `routingModel` policy key. Nothing is sent anywhere but the desk.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    desk: { type: 'string', default: 'rt' },
    url: { type: 'string' },
    token: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    query: { type: 'string', default: "id > 0" },
    max: { type: 'string', default: '5000' },
    'per-label': { type: 'string', default: '40' },
    'min-count': { type: 'string', default: '2' },
    out: { type: 'string', default: 'routing-model.json' },
  },
});
if (args.desk !== 'rt') throw new Error(`--desk ${args.desk}: only Request Tracker (rt) is supported so far`);
if (!args.url || !(args.token || (args.user && args.password))) {
  console.error('usage: npm run learn-routing -- --desk rt --url <RT base URL> (--token <token> | --user <name> --password <password>) [--out routing-model.json]');
  process.exit(2);
}

const auth = args.token ? `token ${args.token}` : `Basic ${Buffer.from(`${args.user}:${args.password}`).toString('base64')}`;
const base = `${args.url.replace(/\/$/, '')}/REST/2.0`;
async function get(path) {
  // RT answers a browser-like agent with its login page instead of 401 (../shared/notes/request-tracker.md).
  const response = await fetch(`${base}${path}`, { headers: { Authorization: auth, Accept: 'application/json', 'User-Agent': 'instant-desk-learn-routing' } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} from ${path}`);
  return response.json();
}

/** The first message as the requester wrote it, without what Instant Desk appended. */
const ownWords = (text) => text.split(/\n— From the page|\nInstant Desk reference:/)[0].slice(0, 2000);

const queues = new Map((await get('/queues/all?fields=Name&per_page=100')).items.map((q) => [String(q.id), q.Name]));
const examples = [];
const max = Number(args.max);
for (let page = 1; examples.length < max; page++) {
  const list = await get(`/tickets?query=${encodeURIComponent(args.query)}&fields=Subject,Queue&orderby=id&order=DESC&per_page=100&page=${page}`);
  for (const t of list.items) {
    const department = queues.get(String(t.Queue?.id));
    if (!department || examples.length >= max) continue;
    const parts = (await get(`/ticket/${t.id}/attachments?fields=ContentType,Content,Filename&orderby=id&order=ASC&per_page=5`)).items;
    const first = parts.find((a) => a.ContentType === 'text/plain' && !a.Filename)?.Content ?? '';
    examples.push({ text: `${t.Subject ?? ''}\n${ownWords(first)}`, department });
  }
  if (page >= (list.pages ?? 1)) break;
}

// The extension's TypeScript, loaded whole (a runner closes after the import, so what loadRouting
// imports lazily is imported here).
const load = async (path) => (await runnerImport(join(ROOT, path), { configFile: false, logLevel: 'silent', resolve: { alias: { '@': ROOT } } })).module;
const [{ Routing }, { buildRoutingModel }] = await Promise.all([load('lib/catalog/routing/route.ts'), load('lib/catalog/routing/learn.ts')]);
const stemmers = Object.fromEntries(
  await Promise.all(Object.entries({ en: 'english', de: 'german', fr: 'french', es: 'spanish' }).map(async ([lang, name]) => [lang, (await import(`@orama/stemmers/${name}`)).stemmer])),
);
const vocabulary = JSON.parse(readFileSync(join(ROOT, 'lib/catalog/routing/data/vocabulary.json'), 'utf8'));
const model = buildRoutingModel(new Routing(vocabulary, stemmers), examples, {
  perLabel: Number(args['per-label']),
  minCount: Number(args['min-count']),
  source: `${args.url} (${examples.length} requests)`,
});
const json = JSON.stringify(model);
writeFileSync(args.out, `${json}\n`);
console.log(`${examples.length} requests in ${model.labels.length} departments → ${args.out} (${(json.length / 1024).toFixed(1)} KB)`);
for (const label of model.labels) console.log(`  ${label.department}${label.form ? ` / ${label.form}` : ''}: ${label.requests} requests; ${Object.keys(label.terms).slice(0, 12).join(', ')}`);
