// The words outside the extension's pages come from the same locale file: the manifest's
// name, description, toolbar title and command names go through the browser's own i18n
// (`__MSG_name__` in manifest.json, resolved from _locales/<lang>/messages.json, which the
// build writes from lib/i18n/locales), and the HTML pages' titles are filled in at build
// (`__MSG_name__` in their <title>). A message name is the key with '.' as '_'.
import en from './locales/en.json';
import type { MessageKey } from './index';

/** The `__MSG_…__` reference to a key, for the manifest and the HTML pages. */
export function msg(key: MessageKey): string {
  return `__MSG_${key.replace(/\./g, '_')}__`;
}

const REF = /__MSG_(\w+)__/g;

/** The key a message name stands for, or undefined when the locale file has none. */
export function keyOfName(name: string): MessageKey | undefined {
  const key = name.replace(/_/g, '.');
  return key in en ? (key as MessageKey) : undefined;
}

/** Every `__MSG_…__` name in `text`. */
export function messageNames(text: string): string[] {
  return [...text.matchAll(REF)].map((m) => m[1] as string);
}

/** _locales/en/messages.json for the keys given (those the manifest uses). */
export function chromeMessages(keys: readonly MessageKey[]): Record<string, { message: string }> {
  const out: Record<string, { message: string }> = {};
  for (const key of [...keys].sort()) out[key.replace(/\./g, '_')] = { message: en[key] };
  return out;
}

/** An HTML page with its `__MSG_…__` references filled in (HTML-escaped). */
export function fillMessages(html: string): string {
  return html.replace(REF, (ref, name: string) => {
    const key = keyOfName(name);
    if (!key) throw new Error(`${ref} names no key of lib/i18n/locales/en.json`);
    return en[key].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  });
}
