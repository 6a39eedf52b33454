// Secrets never leave the machine: URLs are redacted before they are shown or sent.
// By name (query and fragment parameters that carry credentials) and by shape (values that
// look like JWTs, API keys or long random tokens, wherever they sit in the URL).
export const REDACTED = '[redacted]';

const SECRET_NAME =
  /(token|secret|passw(or)?d|^pwd$|^pass$|session|^sid$|sessid|^code$|^auth|authori[sz]ation|signature|^sig$|credential|api[-_]?key|(^|[-_.])key$|private|^otp$|saml|nonce|^hash$|^jwt$)/i;

/** OAuth and signed-URL companions that describe a secret without being one. */
const NOT_SECRET_NAME = /(_type|expires(_in)?|_expires|_algorithm|_date|_signedheaders)$/i;

const SECRET_SHAPES: RegExp[] = [
  /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, // JWT
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, // GitHub
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}/g, // Stripe-like
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API key
  /\b[0-9a-f]{32,}\b/gi, // long hex (hashes, session ids)
];

/** A long run of mixed letters and digits is a random token, not a word. */
function looksRandom(value: string): boolean {
  const v = safeDecode(value);
  if (v.length < 24 || /\s/.test(v)) return false;
  if (!/^[A-Za-z0-9+/=_.~-]+$/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(v)).length;
  return classes >= 3 || (classes >= 2 && v.length >= 40 && /\d/.test(v));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Scrubs secret-shaped values out of free text (titles, selections, paths). */
export function redactText(text: string): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const re of SECRET_SHAPES) {
    out = out.replace(re, () => {
      count++;
      return REDACTED;
    });
  }
  return { text: out, count };
}

function redactParams(params: string): { text: string; count: number } {
  let count = 0;
  const text = params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const value = pair.slice(eq + 1);
      if (value === '') return pair;
      if ((SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name)) || looksRandom(value)) {
        count++;
        return `${pair.slice(0, eq)}=${REDACTED}`;
      }
      const inner = redactText(value);
      count += inner.count;
      return `${pair.slice(0, eq)}=${inner.text}`;
    })
    .join('&');
  return { text, count };
}

function redactPath(path: string): { text: string; count: number } {
  let count = 0;
  const text = path
    .split('/')
    .map((segment) => {
      if (looksRandom(segment)) {
        count++;
        return REDACTED;
      }
      const inner = redactText(segment);
      count += inner.count;
      return inner.text;
    })
    .join('/');
  return { text, count };
}

/** Fragments hold OAuth tokens (`#access_token=`) and single-page-app routes (`#/a?b=c`). */
function redactFragment(body: string): { text: string; count: number } {
  const q = body.indexOf('?');
  if (q >= 0) {
    const path = redactPath(body.slice(0, q));
    const params = redactParams(body.slice(q + 1));
    return { text: `${path.text}?${params.text}`, count: path.count + params.count };
  }
  return body.includes('=') ? redactParams(body) : redactPath(body);
}

export interface Redacted {
  url: string;
  /** How many secrets were taken out. */
  count: number;
}

export function redactUrl(raw: string): Redacted {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(raw.trim());
  if (!match) {
    const plain = redactText(raw);
    return { url: plain.text, count: plain.count };
  }
  const [, scheme = '', authority = '', path = '', query, fragment] = match;
  let count = 0;
  let host = authority;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    host = `${REDACTED}@${authority.slice(at + 1)}`;
    count++;
  }
  const p = redactPath(path);
  count += p.count;
  let out = `${scheme}${host}${p.text}`;
  if (query !== undefined) {
    const q = redactParams(query.slice(1));
    count += q.count;
    out += `?${q.text}`;
  }
  if (fragment !== undefined) {
    const f = redactFragment(fragment.slice(1));
    count += f.count;
    out += `#${f.text}`;
  }
  return { url: out, count };
}
