// The background's side: refuses anything not from the extension's own pages, dispatches
// by name and always answers with a Result (errors as values, never a thrown stack).
import type { Result } from '../domain';
import { deskError, toDeskError } from '../domain';
import { isEnvelope, type Handlers, type MessageName } from './protocol';

export interface Sender {
  id?: string;
  url?: string;
}

export function isOwnPage(sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

export function createRouter(handlers: Handlers, trusted: (sender: Sender) => boolean) {
  return (message: unknown, sender: Sender): Promise<Result<unknown>> | undefined => {
    if (!isEnvelope(message)) return undefined;
    if (!trusted(sender)) return Promise.resolve({ ok: false, error: deskError('permission', { detail: 'sender' }) });
    const handler = handlers[message.name as MessageName] as (request: unknown) => Promise<unknown>;
    return handler(message.request).then(
      (value) => ({ ok: true as const, value }),
      (err: unknown) => ({ ok: false as const, error: toDeskError(err) }),
    );
  };
}
