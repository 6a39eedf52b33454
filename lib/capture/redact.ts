// Secrets never leave the machine: captured text and URLs are redacted before they are shown or sent.
// By name (key/value pairs and URL parameters that carry credentials), by context (headers,
// connection strings, reset links, session ids in paths) and by shape (the token formats of
// well-known services, card numbers and IBANs that pass their checksums, long random values).
import { patternVerdict } from '../settings/pattern';

export const REDACTED = '[redacted]';

/** Page-controlled text is cut to these lengths before any pattern runs over it. */
export const MAX_LENGTH = { title: 1_000, selection: 4_000, url: 8_000 } as const;

interface Found {
  text: string;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// Names: a parameter or key is judged by its words (`access_token`, `accessToken`,
// `X-Amz-Signature`), never by substrings, so `author`, `sessions` and `tokenizer` survive.

/** Words that name a secret wherever they stand in a name, in text and in URLs. */
const STRONG = new Set([
  'password', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'bearer',
  'verifier', 'otp', 'totp', 'pin', 'credential', 'credentials', 'creds', 'jwt', 'cookie', 'apikey',
  'authorization', 'sessid', 'passwort', 'kennwort', 'wachtwoord', 'senha',
]);
/** Words glued without a separator (`accesstoken`, `phpsessid`, `clientsecret`). */
const GLUED = /^(?:aspsessionid\w*|\w*(?:password|passwd|passphrase|secret|token|sessid|sessionid|apikey|accesskey|secretkey|privatekey))$/;
/** Two words that together name a secret (`api key`, `session id`, `verification code`). */
const PAIRS = new Set([
  'api key', 'access key', 'secret key', 'private key', 'account key', 'master key', 'signing key',
  'encryption key', 'license key', 'subscription key', 'auth key', 'recovery key', 'session id',
  'session key', 'access signature', 'client assertion', 'auth code', 'authorization code',
  'verification code', 'reset code', 'otp code', 'mfa code', 'sms code', 'security code', 'recovery code',
  'access code', 'device code', 'confirmation code',
]);
/** In URLs only: too common in prose (`Session: 3`, `Key: PROJ-1`) to redact by name in text. */
const WEAK = new Set(['auth', 'session', 'sid', 'sig', 'signature', 'nonce', 'private', 'pass', 'assertion', 'csrf', 'xsrf', 'hmac']);
/** Whole names only, in URLs: the OAuth authorization `code` (single-use, exchangeable for tokens) and `hash`. */
const WHOLE = new Set(['code', 'hash']);
/** A last word that describes a secret without being one (`token_type`, `X-Amz-Expires`, `password_hint`). */
const DESCRIBES = new Set([
  'type', 'expires', 'expiry', 'expiration', 'in', 'at', 'algorithm', 'alg', 'date', 'length', 'len', 'count',
  'timeout', 'ttl', 'policy', 'hint', 'format', 'method', 'version', 'lifetime', 'strength', 'required', 'name',
  'label', 'url', 'uri', 'provider', 'mode', 'status', 'consent', 'banner', 'notice',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a key names a secret. Identifiers count any of their words (`aws_secret_access_key`);
 * prose names only their last words (`The password:` yes, `Password reset failed:` no).
 */
function secretName(name: string, where: 'url' | 'text'): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  if (!last || (w.length > 1 && DESCRIBES.has(last))) return false;
  const hit = (word: string, i: number) => STRONG.has(word) || GLUED.test(word) || (i > 0 && PAIRS.has(`${w[i - 1]} ${word}`));
  if (/\s/.test(name.trim()) ? hit(last, w.length - 1) : w.some(hit)) return true;
  if (where === 'text') return false;
  return (w.length === 1 && WHOLE.has(last)) || last === 'key' || w.some((word) => WEAK.has(word) || word.startsWith('saml'));
}

/** Flags and empty values say nothing secret (`password_reset=true`). */
const FLAG = /^(?:true|false|yes|no|on|off|null|none|undefined)?$/i;

// ---------------------------------------------------------------------------------------------
// Shapes: the token formats of well-known services. Each starts at a word boundary, so a run of
// characters is tried once, not from every position inside it.
const SHAPES: RegExp[] = [
  /\b[ps]k\.eyJ[\w-]{10,}\.[\w-]{10,}/g, // Mapbox
  /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, // JWT, JWS
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\bAIza[\w-]{35}/g, // Google API key
  /\bya29\.[\w-]{20,}/g, // Google OAuth access token
  /\b1\/\/0[\w-]{30,}/g, // Google OAuth refresh token
  /\bGOCSPX-[\w-]{20,}/g, // Google OAuth client secret
  /\b[\w~.-]{3}\dQ~[\w~.-]{31,34}/g, // Azure AD client secret
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,})/g, // GitHub
  /\bgl(?:pat|dt|ptt|rt|soat|oas|cbt|ft|imt|agent|wt|sa)-[\w-]{20,}/g, // GitLab
  /\bGR1348941[\w-]{20,}/g, // GitLab runner registration
  /\bAT(?:ATT|CTT|BB)[\w=-]{28,}/g, // Atlassian API token, Bitbucket app password
  /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+/g, // Slack app-level token
  /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g, // Stripe keys
  /\bwhsec_[A-Za-z0-9]{20,}/g, // Stripe webhook secret
  /\baccess_token\$(?:production|sandbox)\$\w+\$\w+/g, // PayPal / Braintree
  /\bA21AA[\w-]{50,}/g, // PayPal OAuth access token
  /\bsq0(?:atp|csp|idp)-[\w-]{20,}/g, // Square
  /\bEAA[A-Za-z0-9]{30,}/g, // Square (EAAA…), Meta access tokens
  /\b(?:SK|AC)[0-9a-fA-F]{32}\b/g, // Twilio API key, account SID
  /\bSG\.[\w-]{16,}\.[\w-]{30,}/g, // SendGrid
  /\bkey-[0-9a-zA-Z]{32}\b/g, // Mailgun
  /\bnpm_[A-Za-z0-9]{36}\b/g, // npm
  /\bpypi-[\w-]{50,}/g, // PyPI
  /\bdckr_pat_[\w-]{20,}/g, // Docker Hub
  /\bsk-(?:proj-|svcacct-|admin-|ant-[a-z]+\d*-)[\w-]{20,}/g, // OpenAI project keys, Anthropic
  /\bsk-[A-Za-z0-9]{32,}/g, // OpenAI-style secret keys
  /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, // Shopify
  /\bHRKU-[\w-]{30,}/g, // Heroku
  /\bdo[opr]_v1_[a-f0-9]{64}\b/g, // DigitalOcean
  /\bhv[sbr]\.[\w-]{24,}/g, // HashiCorp Vault
  /\b[A-Za-z0-9]{14}\.atlasv1\.[\w-]{60,}/g, // Terraform Cloud
  /\bops_[\w+/=-]{50,}/g, // 1Password service account
  /\bA3-[A-Z0-9]{6}-[A-Z0-9]{6}(?:-[A-Z0-9]{5}){4}\b/g, // 1Password secret key
  /\bdapi[a-f0-9]{32}\b/g, // Databricks
  /\blin_api_[A-Za-z0-9]{40}\b/g, // Linear
  /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b/g, // Notion
  /\bhf_[A-Za-z0-9]{34,}\b/g, // Hugging Face
  /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g, // Postman
  /\bNRAK-[A-Z0-9]{27}\b/g, // New Relic
  /\bglsa_[A-Za-z0-9]{32}_[a-fA-F0-9]{8}\b/g, // Grafana service account
  /\bsntry[su]_[\w+/=]{30,}/g, // Sentry
  /\bfigd_[\w-]{30,}/g, // Figma
  /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,}/g, // Doppler
  /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g, // age
  /\b\d{8,10}:AA[\w-]{33}\b/g, // Telegram bot token
  /\bAAAA[\w-]{7}:APA91b[\w-]{100,}/g, // Firebase Cloud Messaging server key
  /\b(?:ST|PT|TGT)-\d+-[\w-]{10,}/g, // CAS tickets
  /\bsig=[A-Za-z0-9%+/]{20,}={0,2}/g, // Azure SAS signature outside a URL
  /\b[0-9a-f]{32,}\b/gi, // long hex: hashes, session ids, many vendors' keys
];

/** Card numbers (13–19 digits, plain or grouped) that pass Luhn and start like a card. */
const CARD = /(?<![\w-])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -]?)\d{6}\2\d{4,5})(?![\w-])/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function isCard(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  return digits.length >= 13 && digits.length <= 19 && /^(?:4|5[1-5]|2[2-7]|3[0-9]|6)/.test(digits) && luhn(digits);
}

/** IBAN lengths by country (ISO 13616 registry), so a trailing word is not taken for the account. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};
const IBAN = /\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){10,30})/g;

function ibanChecksumOk(iban: string): boolean {
  let rest = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const n = parseInt(ch, 36);
    rest = (n > 9 ? rest * 100 + n : rest * 10 + n) % 97;
  }
  return rest === 1;
}

/** The IBAN at the start of `match`, as long as its country says, or nothing. */
function ibanPrefix(match: string, country: string): string | undefined {
  const length = IBAN_LENGTH[country];
  if (!length) return undefined;
  let compact = '';
  let end = 0;
  while (end < match.length && compact.length < length) {
    const ch = match[end++];
    if (ch !== ' ') compact += ch;
  }
  if (compact.length < length || /[A-Z0-9]/.test(match[end] ?? '')) return undefined;
  return ibanChecksumOk(compact) ? match.slice(0, end) : undefined;
}

/** Token formats, card numbers and IBANs: what is secret wherever it appears. */
function redactShapes(text: string): Found {
  let count = 0;
  const hit = () => {
    count++;
    return REDACTED;
  };
  let out = text;
  for (const re of SHAPES) out = out.replace(re, hit);
  out = out.replace(CARD, (m) => (isCard(m) ? hit() : m));
  out = out.replace(IBAN, (m, country: string) => {
    const iban = ibanPrefix(m, country);
    return iban ? hit() + m.slice(iban.length) : m;
  });
  return { text: out, count };
}

// ---------------------------------------------------------------------------------------------
// Random values: long, mixed letters and digits, switching character class often. Slugs, file
// names, dates and versions are words and numbers between separators, so they survive.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Words, numbers, short codes, and hex shorter than a key (content hashes, object ids). */
const PLAIN_PIECE = /^(?:\d+|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\w{1,6}|[0-9a-f]{1,31}|[0-9A-F]{1,31})$/;

function charClass(ch: string): number {
  return /\d/.test(ch) ? 0 : /[a-z]/.test(ch) ? 1 : 2;
}

function looksToken(value: string, min: number): boolean {
  if (value.length < min || !/^[\w+/=.~-]+$/.test(value) || UUID.test(value)) return false;
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (value.split(/[-_.~/+=]+/).every((piece) => piece === '' || PLAIN_PIECE.test(piece))) return false;
  const core = value.replace(/[-_.~/+=]/g, '');
  let switches = 0;
  for (let i = 1; i < core.length; i++) if (charClass(core[i] ?? '') !== charClass(core[i - 1] ?? '')) switches++;
  return switches / core.length >= 0.3 && new Set(core).size >= Math.min(12, core.length / 2);
}

const TOKEN_IN_URL = 20;
const TOKEN_IN_TEXT = 24;

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
