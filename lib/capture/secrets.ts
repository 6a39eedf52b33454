// What a secret looks like: names that carry credentials, the token formats of well-known
// services (with card numbers and IBANs that pass their checksums), and long random values.
// lib/capture/redact.ts applies this knowledge to captured text and URLs.
import { REDACTED, type Found } from './found';

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
export function secretName(name: string, where: 'url' | 'text'): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  if (!last || (w.length > 1 && DESCRIBES.has(last))) return false;
  const hit = (word: string, i: number) => STRONG.has(word) || GLUED.test(word) || (i > 0 && PAIRS.has(`${w[i - 1]} ${word}`));
  if (/\s/.test(name.trim()) ? hit(last, w.length - 1) : w.some(hit)) return true;
  if (where === 'text') return false;
  return (w.length === 1 && WHOLE.has(last)) || last === 'key' || w.some((word) => WEAK.has(word) || word.startsWith('saml'));
}

/** Flags and empty values say nothing secret (`password_reset=true`). */
export const FLAG = /^(?:true|false|yes|no|on|off|null|none|undefined)?$/i;

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
export function redactShapes(text: string): Found {
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

export function looksToken(value: string, min: number): boolean {
  if (value.length < min || !/^[\w+/=.~-]+$/.test(value) || UUID.test(value)) return false;
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (value.split(/[-_.~/+=]+/).every((piece) => piece === '' || PLAIN_PIECE.test(piece))) return false;
  const core = value.replace(/[-_.~/+=]/g, '');
  let switches = 0;
  for (let i = 1; i < core.length; i++) if (charClass(core[i] ?? '') !== charClass(core[i - 1] ?? '')) switches++;
  return switches / core.length >= 0.3 && new Set(core).size >= Math.min(12, core.length / 2);
}

export const TOKEN_IN_URL = 20;
export const TOKEN_IN_TEXT = 24;

