// Secrets never leave the machine: captured text and URLs are redacted before they are shown or sent.
// By name (key/value pairs and URL parameters that carry credentials), by context (headers,
// connection strings, reset links, session ids in paths) and by shape (the token formats of
// well-known services, card numbers and IBANs that pass their checksums, long random values).
import { patternVerdict } from '../settings/pattern';
import { REDACTED, type Found } from './found';
import { FLAG, looksToken, redactShapes, secretName, TOKEN_IN_TEXT, TOKEN_IN_URL } from './secrets';

export { REDACTED };

/** Page-controlled text is cut to these lengths before any pattern runs over it. */
export const MAX_LENGTH = { title: 1_000, selection: 4_000, url: 8_000 } as const;

// ---------------------------------------------------------------------------------------------
// Text: titles, selections, link text.
const PEM = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g;
const AUTH_HEADER = /\b((?:Proxy-)?Authori[sz]ation["']?[ \t]*[:=][ \t]*["']?)((?:Bearer|Basic|Digest|Token|Bot|SSWS|Negotiate|NTLM|AWS4-HMAC-SHA256|OAuth|ApiKey)[ \t]+)?([^\s"'][^"'\r\n]*)/gi;
const BEARER = /\b(Bearer[ \t]+)([\w.~+/-]{16,}=*)/gi;
const BASIC = /\b(Basic[ \t]+)([A-Za-z0-9+/]{8,}={0,2})(?![\w+/=])/g;
/** `name: value` or `NAME=value` opening a line (YAML, .env, a pasted note): the value is the rest of the line. */
const LINE = /^([ \t]*(?:[-*•>]+[ \t]*)?(?:export[ \t]+)?)([A-Za-z_][\w .[\]-]{0,40}?)([ \t]*[:=][ \t]*)(\S[^\r\n]*?)[ \t]*$/gm;
/** `k=v`, `k: v`, `"k": "v"`, `--k=v` inside a line. */
const KEY_VALUE =
  /(?<![\w.])(["']?)([A-Za-z_][\w.-]{0,60})\1([ \t]{0,8}(?:=>|:=|[:=])[ \t]{0,8})("(?:[^"\\\r\n]|\\.){1,2000}"|'(?:[^'\\\r\n]|\\.){1,2000}'|[^\s"',;&<>()[\]{}]+)/g;
/** An ordinary word after `password:` mid-sentence is prose, not the password. */
const PLAIN_WORD = /^[A-Za-z][a-z]*[.,!?]?$/;
const XML_VALUE = /<([A-Za-z_][\w.-]{0,40})>([^<]{1,1000})<\/\1>/g;
/** A URL in text ends at `;`, where connection strings (`Endpoint=sb://…/;SharedAccessKey=…`) go on as key/values. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s<>"'`;]+/gi;
/** A run of token characters, not a data: URL's base64 (images are not secrets). */
const WORD = /(?<![\w+/=.~-]|base64,)[\w+/=.~-]{24,}(?![\w+/=.~-])/g;

function isRedacted(value: string): boolean {
  return value.replace(/^["']|["']$/g, '') === REDACTED;
}

/** Scrubs secrets out of free text: private keys, then each URL as a URL and the prose between them. */
function redactTextBuiltIn(text: string, depth: number): Found {
  let count = 0;
  const pem = text.replace(PEM, () => {
    count++;
    return REDACTED;
  });
  let out = '';
  let from = 0;
  for (const m of pem.matchAll(URL_IN_TEXT)) {
    const [, url = m[0], tail = ''] = /^(.*?)([.,;:!?)\]]*)$/s.exec(m[0]) ?? [];
    const prose = redactProse(pem.slice(from, m.index));
    const r = redactUrlBuiltIn(url, depth + 1);
    out += prose.text + r.text + tail;
    count += prose.count + r.count;
    from = m.index + m[0].length;
  }
  const rest = redactProse(pem.slice(from));
  return { text: out + rest.text, count: count + rest.count };
}

function redactProse(text: string): Found {
  let count = 0;
  const hit = () => {
    count++;
    return REDACTED;
  };
  let out = text.replace(AUTH_HEADER, (m, prefix: string, scheme: string | undefined, value: string) => (value.startsWith(REDACTED) ? m : `${prefix}${scheme ?? ''}${hit()}`));
  out = out.replace(BEARER, (m, prefix: string, token: string) => (/\d/.test(token) || (/[a-z]/.test(token) && /[A-Z]/.test(token)) ? prefix + hit() : m));
  out = out.replace(BASIC, (m, prefix: string, encoded: string) => (decodeBase64(encoded).includes(':') ? prefix + hit() : m));
  // A prose name (`Your password: …`) takes one word that is not plain prose (`Reset your password: see the FAQ` stays).
  out = out.replace(LINE, (m, lead: string, name: string, sep: string, value: string) =>
    secretName(name, 'text') && !FLAG.test(value) && !value.includes(REDACTED) && (!/\s/.test(name.trim()) || !(/\s/.test(value) || PLAIN_WORD.test(value)))
      ? `${lead}${name}${sep}${hit()}`
      : m,
  );
  out = out.replace(KEY_VALUE, (m, quote: string, name: string, sep: string, value: string) => {
    if (!secretName(name, 'text') || isRedacted(value) || FLAG.test(value.replace(/^["']|["']$/g, ''))) return m;
    if (!quote && sep.includes(':') && PLAIN_WORD.test(value)) return m;
    const q = /^["']/.test(value) ? value[0] : '';
    return `${quote}${name}${quote}${sep}${q}${hit()}${q}`;
  });
  out = out.replace(XML_VALUE, (m, name: string, value: string) => (secretName(name, 'text') && !isRedacted(value) ? `<${name}>${hit()}</${name}>` : m));
  const shapes = redactShapes(out);
  count += shapes.count;
  out = shapes.text.replace(WORD, (m) => {
    const [, word = m, dots = ''] = /^(.*?)(\.*)$/s.exec(m) ?? [];
    return looksToken(word, TOKEN_IN_TEXT) ? hit() + dots : m;
  });
  return { text: out, count };
}

function decodeBase64(encoded: string): string {
  try {
    return atob(encoded);
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// URLs.
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Re-encodes a value decoded `levels` times, keeping the marker readable. */
function reencode(value: string, levels: number): string {
  let out = value;
  for (let i = 0; i < levels; i++) out = encodeURIComponent(out).split(encodeURIComponent(REDACTED)).join(REDACTED);
  return out;
}

const URL_SHAPE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is;
const MAX_DEPTH = 4;

/**
 * A parameter's value: a return URL (even encoded twice) is decoded, redacted like any URL and
 * re-encoded; other values are checked as text. Left byte-for-byte alone when nothing is secret.
 */
function redactValue(value: string, depth: number): Found {
  let decoded = value;
  let levels = 0;
  for (; levels <= 2 && depth < MAX_DEPTH; levels++) {
    const relative = /^\/(?!\/)/.test(decoded);
    if (relative || URL_SHAPE.test(decoded)) {
      const origin = 'https://x';
      const r = redactUrlBuiltIn(relative ? origin + decoded : decoded, depth + 1);
      const text = relative ? r.text.slice(origin.length) : r.text;
      return r.count ? { text: reencode(text, levels), count: r.count } : { text: value, count: 0 };
    }
    const next = safeDecode(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  if (looksToken(decoded, TOKEN_IN_URL) || colonPair(decoded)) return { text: REDACTED, count: 1 };
  // No secret shape is shorter than this; skipping saves the text rules on every `page=2`.
  if (depth >= MAX_DEPTH || decoded.length < 8) return { text: value, count: 0 };
  const r = redactTextBuiltIn(decoded, depth + 1);
  if (!r.count) return { text: value, count: 0 };
  return { text: reencode(r.text, levels), count: r.count };
}

/** `id:secret` joined with a colon (Telegram `bot123:AA…`, `client:secret`); `Special:Search` is a word. */
function colonPair(value: string): boolean {
  const secret = /^[\w.-]{2,}:([\w.~+/=-]{12,})$/.exec(value)?.[1];
  return secret !== undefined && looksToken(secret, 12);
}

function redactParams(params: string, separator: string, depth: number): Found {
  let count = 0;
  const text = params
    .split(separator)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) {
        const bare = redactValue(pair, depth);
        count += bare.count;
        return bare.text;
      }
      const name = safeDecode(pair.slice(0, eq));
      const value = pair.slice(eq + 1);
      if (FLAG.test(safeDecode(value)) || value === REDACTED) return pair;
      if (secretName(name, 'url')) {
        count++;
        return `${pair.slice(0, eq)}=${REDACTED}`;
      }
      const inner = redactValue(value, depth);
      count += inner.count;
      return `${pair.slice(0, eq)}=${inner.text}`;
    })
    .join(separator);
  return { text, count };
}

/** Where the next path segments are single-use secrets (password reset, e-mail verification, invitations). */
const SECRET_AFTER = new Set([
  'reset', 'reset-password', 'password-reset', 'verify', 'verification', 'confirm', 'confirmation', 'activate',
  'activation', 'invite', 'invitation', 'magic', 'magic-link', 'token', 'unsubscribe', 'otp',
]);
/** Commit ids after these are references, not secrets, and make the link useful. */
const GIT_REF = new Set(['commit', 'commits', 'tree', 'blob', 'compare', 'changeset', 'changesets', 'rev', 'revision', 'raw', 'blame']);
const GIT_SHA = /^[0-9a-f]{7,40}(?:\.{2,3}[0-9a-f]{7,40})?$/;
/** ASP.NET cookieless session, forms and anonymous ids: `/(S(abc))/page.aspx`. */
const ASPNET = /^\((?:[SAF]\([^()]*\))+\)$/;

/** Webhook URLs are secrets in their path: whatever follows the prefix goes. */
const WEBHOOKS: [RegExp, RegExp][] = [
  [/^hooks\.slack\.com$/i, /^\/(?:services|workflows|triggers)\//],
  [/^(?:(?:ptb|canary)\.)?discord(?:app)?\.com$/i, /^\/api\/(?:v\d+\/)?webhooks\//],
  [/\.webhook\.office\.com$/i, /^\/webhookb2\//],
  [/^outlook\.office(?:365)?\.com$/i, /^\/webhook\//],
  [/^hooks\.zapier\.com$/i, /^\/hooks\/catch\//],
  [/^maker\.ifttt\.com$/i, /^\/(?:use\/|trigger\/[^/]+\/(?:json\/)?with\/key\/)/],
];

function redactSegment(segment: string, previous: string | undefined, depth: number): Found {
  const [head = '', ...matrix] = segment.split(';');
  if (matrix.length) {
    const h = redactSegment(head, previous, depth);
    const m = redactParams(matrix.join(';'), ';', depth);
    return { text: `${h.text};${m.text}`, count: h.count + m.count };
  }
  const decoded = safeDecode(segment);
  if (ASPNET.test(decoded)) {
    let count = 0;
    const text = segment.replace(/([SAF])\([^()]*\)/g, (_, kind: string) => {
      count++;
      return `${kind}(${REDACTED})`;
    });
    return { text, count };
  }
  if (previous !== undefined && GIT_REF.has(previous.toLowerCase()) && GIT_SHA.test(segment)) return { text: segment, count: 0 };
  if (looksToken(decoded, TOKEN_IN_URL) || colonPair(decoded)) return { text: REDACTED, count: 1 };
  const shapes = redactShapes(segment);
  return shapes.count ? shapes : { text: segment, count: 0 };
}

/** A plain word or slug after `/reset/` is a route (`/verify/email`); anything else is the token. */
function isRouteWord(segment: string): boolean {
  return segment === '' || (/^[a-z]+(?:-[a-z]+)*$/.test(segment) && (segment.includes('-') || segment.length < 16));
}

function redactPath(path: string, host: string, depth: number): Found {
  const hook = WEBHOOKS.find(([h, p]) => h.test(host) && p.test(path));
  const prefix = hook ? hook[1].exec(path)?.[0] : undefined;
  if (prefix && path.length > prefix.length) return { text: prefix + REDACTED, count: 1 };
  let count = 0;
  let run = 0; // segments after a keyword that may still be the secret (`/reset/<uid>/<token>`)
  const segments = path.split('/');
  const text = segments
    .map((segment, i) => {
      const previous = segments[i - 1];
      if (previous !== undefined && SECRET_AFTER.has(safeDecode(previous).toLowerCase())) run = 3;
      if (run > 0) {
        if (!isRouteWord(safeDecode(segment))) {
          run--;
          count++;
          return REDACTED;
        }
        run = 0;
      }
      const r = redactSegment(segment, previous, depth);
      count += r.count;
      return r.text;
    })
    .join('/');
  return { text, count };
}

/** Fragments hold OAuth tokens (`#access_token=`) and single-page-app routes (`#/a?b=c`). */
function redactFragment(body: string, depth: number): Found {
  const q = body.indexOf('?');
  if (q >= 0) {
    const path = redactPath(body.slice(0, q), '', depth);
    const params = redactParams(body.slice(q + 1), '&', depth);
    return { text: `${path.text}?${params.text}`, count: path.count + params.count };
  }
  return body.includes('=') ? redactParams(body, '&', depth) : redactPath(body, '', depth);
}

/** `user:password@`, a token as user name (`ghp_…@github.com`), JDBC `;password=` after the host. */
function redactAuthority(authority: string, depth: number): Found & { host: string } {
  let count = 0;
  let userinfo = '';
  let host = authority;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const user = authority.slice(0, at);
    host = authority.slice(at + 1);
    const secret = user.includes(':') || looksToken(safeDecode(user), TOKEN_IN_URL) || redactShapes(safeDecode(user)).count > 0;
    if (secret) count++;
    userinfo = `${secret ? REDACTED : user}@`;
  }
  const semi = host.indexOf(';');
  if (semi < 0) return { text: userinfo + host, count, host };
  const params = redactParams(host.slice(semi + 1), ';', depth);
  return { text: `${userinfo}${host.slice(0, semi)};${params.text}`, count: count + params.count, host: host.slice(0, semi) };
}

function redactUrlBuiltIn(raw: string, depth: number): Found {
  const match = URL_SHAPE.exec(raw);
  if (!match) return depth >= MAX_DEPTH ? redactShapes(raw) : redactTextBuiltIn(raw, depth + 1);
  const [, scheme = '', authority = '', path = '', query, fragment] = match;
  const a = redactAuthority(authority, depth);
  const p = redactPath(path, a.host.replace(/:\d+$/, ''), depth);
  let count = a.count + p.count;
  let out = `${scheme}${a.text}${p.text}`;
  if (query !== undefined) {
    const q = redactParams(query.slice(1), '&', depth);
    count += q.count;
    out += `?${q.text}`;
  }
  if (fragment !== undefined) {
    const f = redactFragment(fragment.slice(1), depth);
    count += f.count;
    out += `#${f.text}`;
  }
  return { text: out, count };
}

// The administrator's own patterns (employee numbers, case ids) run over page-controlled text;
// the policy validator (lib/settings/pattern.ts) judges them, so what it accepts is what runs.

export type RejectReason = 'invalid' | 'matches-empty' | 'nested-quantifier' | 'slow';

export interface RejectedPattern {
  source: string;
  reason: RejectReason;
}

export interface AdminPatterns {
  patterns: RegExp[];
  /** Refused, and why, so the options page can say so. */
  rejected: RejectedPattern[];
}

/**
 * Compiles the administrator's patterns once, refusing what the policy refuses (invalid, a
 * repeat inside a repeat, slow on long page text) and those that match empty text (they would
 * black out everything).
 */
export function compilePatterns(sources: readonly string[]): AdminPatterns {
  const patterns: RegExp[] = [];
  const rejected: RejectedPattern[] = [];
  for (const source of sources) {
    const reason = patternVerdict(source) ?? (new RegExp(source, 'u').test('') ? 'matches-empty' : undefined);
    if (reason) rejected.push({ source, reason });
    else patterns.push(new RegExp(source, 'gu'));
  }
  return { patterns, rejected };
}

function redactExtra(found: Found, patterns: readonly RegExp[]): Found {
  let { text, count } = found;
  for (const re of patterns) {
    text = text.replace(re, (m) => {
      if (m === REDACTED) return m;
      count++;
      return REDACTED;
    });
  }
  return { text, count };
}

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ---------------------------------------------------------------------------------------------

/**
 * Scrubs secrets out of free text (titles, selections, link text), then the administrator's
 * patterns (from `compilePatterns`). Text longer than `max` is cut first.
 */
export function redactText(text: string, extra: readonly RegExp[] = [], max: number = MAX_LENGTH.selection): Found {
  return redactExtra(redactTextBuiltIn(cap(text, max), 0), extra);
}

export interface Redacted {
  url: string;
  /** How many secrets were taken out. */
  count: number;
}

/** Redacts a URL (page, link, image, frame), then the administrator's patterns over all of it. */
export function redactUrl(raw: string, extra: readonly RegExp[] = [], max: number = MAX_LENGTH.url): Redacted {
  const found = redactExtra(redactUrlBuiltIn(cap(raw.trim(), max), 0), extra);
  return { url: found.text, count: found.count };
}
