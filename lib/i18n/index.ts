// Every user-visible string comes from the locale files; English first. Pure, synchronous
// and bundled, so components and lib/ can use it without touching browser APIs.
import en from './locales/en.json';

export type MessageKey = keyof typeof en;
export const messages: Record<string, Record<MessageKey, string>> = { en };

let active: Record<MessageKey, string> = en;

export function setLocale(language: string): void {
  active = messages[language.split('-')[0] ?? 'en'] ?? en;
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = active[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}
