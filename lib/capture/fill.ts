// Mapping into the desk's fields: what the typed sentence states plainly ("room 3.14" → Room,
// an option named in it) and what the page gave (its redacted address for a field that asks
// for the page, or the items an administrator mapped in `fieldMap`). Only proposals: the popup
// shows each one as proposed, and the person can change it. Pure; English, German, French and
// Spanish.
import type { FieldSpec, FieldValue } from '../domain';
import type { CapturedItem } from '../settings/policy';
import type { PageContext } from './context';

/** Where a proposed value came from, for the mark beside it. */
export type ProposedFrom = 'typed' | 'page';

/** Lower case, without accents: "Bâtiment" and "batiment" are the same word. */
export const foldWord = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Words and codes: "3.14", "IT-01234", "B/12" stay whole; sentence punctuation is left out. */
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}]|[.\-/](?=[\p{L}\p{N}]))*/gu;

const tokens = (s: string) => (foldWord(s).match(TOKEN) ?? []) as string[];

// Field labels that mean the same across the four languages: a French sentence's "salle" fills
// an English desk's "Room".
const LABEL_WORDS: string[][] = [
  ['room', 'raum', 'zimmer', 'salle', 'piece', 'bureau', 'sala', 'habitacion', 'despacho', 'oficina'],
  ['building', 'gebaude', 'haus', 'batiment', 'edificio'],
  ['floor', 'etage', 'stock', 'stockwerk', 'geschoss', 'planta', 'piso'],
  ['desk', 'schreibtisch', 'arbeitsplatz', 'mesa', 'puesto'],
  ['asset', 'inventar', 'inventarnummer', 'inventaire', 'inventario', 'activo'],
  ['order', 'bestellung', 'commande', 'pedido'],
  ['invoice', 'rechnung', 'facture', 'factura'],
  ['phone', 'telefon', 'telephone', 'telefono', 'extension', 'durchwahl', 'poste'],
];

// Between a label and its value: "room no. 3.14", "Raum Nr. 3.14", "salle n° 3.14", "sala número 3".
const CONNECTORS = new Set(['no', 'nr', 'n', 'number', 'num', 'nummer', 'numero', '#', 'is', 'ist', 'est', 'es']);

// Options no sentence names on purpose.
const VAGUE_OPTIONS = new Set(['other', 'others', 'none', 'misc', 'general', 'andere', 'anderes', 'sonstiges', 'sonstige', 'autre', 'autres', 'divers', 'otro', 'otros', 'otra', 'otras', 'varios', 'yes', 'no']);

/** The words a label is known by: its own, and the other languages' for the same thing. */
function labelForms(label: string): string[][] {
  const own = tokens(label);
  const forms = [own];
  const last = own[own.length - 1];
  for (const group of LABEL_WORDS) {
    if (own.some((w) => group.includes(w)) || (last && group.includes(last))) for (const w of group) forms.push([w]);
  }
  return forms;
}

const valueLike = (token: string) => /\p{N}/u.test(token);

function fits(spec: FieldSpec, value: string): boolean {
  if (spec.kind === 'number' && !Number.isFinite(Number(value.replace(',', '.')))) return false;
  if (!spec.pattern) return true;
  try {
    return new RegExp(spec.pattern).test(value);
  } catch {
    return false;
  }
}

/** The value after a label's words in the sentence ("room 3.14"), with its original spelling. */
function valueAfterLabel(spec: FieldSpec, sentence: string): string | undefined {
  const folded = tokens(sentence);
  const original = sentence.normalize('NFC').match(TOKEN) ?? [];
  // Folding keeps one token per token, so positions line up with the original words.
  const same = original.length === folded.length;
  for (const form of labelForms(spec.label)) {
    if (form.length === 0) continue;
    for (let i = 0; i + form.length <= folded.length; i++) {
      if (!form.every((w, k) => folded[i + k] === w)) continue;
      let j = i + form.length;
      while (j < folded.length && CONNECTORS.has(folded[j] as string) && !valueLike(folded[j] as string)) j++;
      const token = folded[j];
      if (token && valueLike(token)) {
        const value = same ? (original[j] as string) : token;
        if (fits(spec, value)) return value;
      }
    }
  }
  return undefined;
}

/** The one option whose label the sentence names as whole words; none when several are named. */
function optionNamed(spec: FieldSpec, sentence: string): string | undefined {
  const folded = ` ${tokens(sentence).join(' ')} `;
  const named = (spec.options ?? []).filter((o) => {
    const words = tokens(o.label);
    const phrase = words.join(' ');
    if (!phrase || VAGUE_OPTIONS.has(phrase) || (words.length === 1 && phrase.length < 3 && !/\p{N}/u.test(phrase))) return false;
    return folded.includes(` ${phrase} `);
  });
  return named.length === 1 ? named[0]?.value : undefined;
}

/**
 * Values the sentence states plainly, by field id: a text or number field whose label (or the
 * same word in another language) is followed by a value with a digit in it ("room 3.14",
 * "Raum Nr. 2.07", "salle 3.14"), fitting the field's pattern; a select whose one option is
 * named ("payroll", "HQ North"). Nothing is guessed beyond that.
 */
export function valuesFromSentence(sentence: string, fields: readonly FieldSpec[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  if (!sentence.trim()) return out;
  for (const spec of fields) {
    if (spec.kind === 'text' || spec.kind === 'number' || spec.kind === 'unknown') {
      const value = valueAfterLabel(spec, sentence);
      if (value !== undefined) out[spec.id] = value;
    } else if (spec.kind === 'select' || spec.kind === 'multiselect') {
      const value = optionNamed(spec, sentence);
      if (value !== undefined) out[spec.id] = spec.kind === 'multiselect' ? [value] : value;
    }
  }
  return out;
}

/**
 * Whether what was typed only names the form: every word the start of a word of its name or
 * its department's ("fac" for Facilities). That is a search, not what the request is about, and
 * is not carried into the form.
 */
export function onlyNames(typed: string, names: readonly string[]): boolean {
  const words = tokens(names.join(' '));
  const typedWords = tokens(typed);
  return typedWords.length > 0 && typedWords.every((t) => words.some((w) => w.startsWith(t)));
}

const SUBJECT_MAX = 80;

/**
 * A subject from the sentence: its first sentence, first letter capitalised, cut at a word
 * under 80 characters. "the door of meeting room 3.14 does not lock" → "The door of meeting
 * room 3.14 does not lock".
 */
export function subjectFromSentence(sentence: string): string {
  const text = sentence.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  const first = (text.split(/(?<=[.!?])\s+/u)[0] ?? text).replace(/[.!?]+$/u, '');
  const cut = first.length <= SUBJECT_MAX ? first : `${first.slice(0, SUBJECT_MAX).replace(/\s+\S*$/u, '')}…`;
  return cut.charAt(0).toLocaleUpperCase() + cut.slice(1);
}

// A field that asks for the page: its words speak of a web address, in the four languages.
// ("site" alone is often a place, "Site: Berlin"; a web site is named as one.)
const PAGE_WORDS = /\b(url|uri|link|links|hyperlink|web ?page|web ?site|homepage|page|seite|webseite|internetseite|lien|site web|site internet|pagina|enlace|vinculo|sitio web)\b/u;
const ADDRESS = /\b(web|page|site|internet|seiten|webseiten|de la page|du site|web de la pagina|de la pagina)[ -]?(address|adresse|direccion)\b|\b(address|adresse|direccion) (of the page|der seite|de la page|du site|de la pagina|web)\b|\b(webadresse|internetadresse|seitenadresse)\b/u;
// … but not an e-mail, postal or delivery address, nor a page number.
const NOT_PAGE = /\b(e-?mail|mail|courriel|correo|postal|post|delivery|shipping|liefer\w*|livraison|envio|entrega|ip|pages?\s+\d|number of pages|seitenzahl|anzahl)\b/u;

/** Whether a desk field asks for the page's address (label, description, hint or pattern). */
export function asksForPage(spec: FieldSpec): boolean {
  if (!(spec.kind === 'text' || spec.kind === 'textarea' || spec.kind === 'unknown')) return false;
  const words = foldWord([spec.label, spec.description, spec.hint, spec.patternHint].filter(Boolean).join(' · '));
  if (NOT_PAGE.test(words)) return false;
  return PAGE_WORDS.test(words) || ADDRESS.test(words) || /https?|:\/\//.test(spec.pattern ?? '');
}

const captured = (context: PageContext, item: CapturedItem): string | undefined => {
  const value = context[item];
  return typeof value === 'string' && value.trim() ? value : undefined;
};

/**
 * Values the page fills in, by field id: the administrator's map first (field label or id →
 * captured item), then the redacted page address for every field that asks for the page.
 * Items the person removed from what is sent are not used.
 */
export function valuesFromPage(
  fields: readonly FieldSpec[],
  context: PageContext | null,
  map: Record<string, CapturedItem> = {},
  excluded: readonly string[] = [],
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  if (!context) return out;
  const take = (spec: FieldSpec, item: CapturedItem) => {
    const value = excluded.includes(item) ? undefined : captured(context, item);
    if (value !== undefined && fits(spec, value)) out[spec.id] = spec.kind === 'text' || spec.kind === 'unknown' ? value.replace(/\s+/g, ' ') : value;
  };
  const mapped = new Set<string>();
  for (const [name, item] of Object.entries(map)) {
    const spec = fields.find((f) => f.id === name || foldWord(f.label.trim()) === foldWord(name.trim()));
    if (!spec || spec.kind === 'select' || spec.kind === 'multiselect' || spec.kind === 'cascade') continue;
    mapped.add(spec.id);
    take(spec, item);
  }
  for (const spec of fields) if (!mapped.has(spec.id) && asksForPage(spec)) take(spec, 'url');
  return out;
}

/** The administrator's map for a form: its department's, with the form's own over it (names compared without case or accents). */
export function fieldMapFor(map: Record<string, Record<string, CapturedItem>> | undefined, names: { form: string; department: string }): Record<string, CapturedItem> {
  if (!map) return {};
  const find = (name: string) => Object.entries(map).find(([k]) => foldWord(k.trim()) === foldWord(name.trim()))?.[1];
  return { ...find(names.department), ...(names.form !== names.department ? find(names.form) : {}) };
}
