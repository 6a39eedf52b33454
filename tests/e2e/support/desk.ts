// Request Tracker as desk staff (root, basic auth): what the tests check the extension did.
// Node's fetch sends no "Mozilla" user agent, so RT answers errors as JSON.
import { facts, type DeskFacts } from '../../../scripts/desk.mjs';

export type { DeskFacts };
/** The seeded desk: its address, the employees' tokens and staff credentials, from the harness. */
export const deskFacts = facts;

export function staff(facts: DeskFacts) {
  const auth = `Basic ${Buffer.from(`${facts.root.user}:${facts.root.password}`).toString('base64')}`;
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(`${facts.baseUrl}/REST/2.0${path}`, {
      ...init,
      headers: { Authorization: auth, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }
  return {
    call,
    ticket: (id: string | number) => call<Record<string, any>>(`/ticket/${id}`),
    /** Each attachment read on its own: only /attachment/N sends Content as base64. */
    async attachments(id: string | number) {
      const list = await call<{ items: { id: string }[] }>(`/ticket/${id}/attachments?per_page=100`);
      return Promise.all(
        list.items.map(async ({ id: aid }) => {
          const a = await call<{ Filename: string; ContentType: string; Content: string }>(`/attachment/${aid}`);
          return { ...a, bytes: Buffer.from(a.Content ?? '', 'base64') };
        }),
      );
    },
    /** Creates a ticket as an employee (their token), as the desk's web form or e-mail would. */
    async fileAs(token: string, requestor: string, queue: string, subject: string): Promise<string> {
      const res = await fetch(`${facts.baseUrl}/REST/2.0/ticket`, {
        method: 'POST',
        headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ Queue: queue, Subject: subject, Content: `${subject}.`, ContentType: 'text/plain', Requestor: requestor }),
      });
      return String(((await res.json()) as { id: string | number }).id);
    },
    reply: (id: string, text: string, status?: string) =>
      call(`/ticket/${id}/correspond`, { method: 'POST', body: JSON.stringify({ Content: text, ContentType: 'text/plain', ...(status ? { Status: status } : {}) }) }),
    /**
     * Closes every active request of `email`, so a test starts from a known count, however many
     * (RT lists at most 100 a page: asked again until none is left). Legal's own lifecycle has no
     * "resolved" (scripts/rt/RT_SiteConfig.pm.in): its requests are withdrawn.
     */
    async resolveAllOf(email: string) {
      for (const [queues, Status] of [["Queue = 'Legal'", 'withdrawn'], ["Queue != 'Legal'", 'resolved']] as const) {
        const q = encodeURIComponent(`Requestor.EmailAddress = '${email}' AND Status = '__Active__' AND ${queues}`);
        for (;;) {
          const r = await call<{ items: { id: string }[] }>(`/tickets?query=${q}&per_page=100`);
          if (r.items.length === 0) break;
          for (const t of r.items) await call(`/ticket/${t.id}`, { method: 'PUT', body: JSON.stringify({ Status }) });
        }
      }
    },
    async history(id: string) {
      const r = await call<{ items: { id: string; Type: string; Creator: { id: string } }[] }>(`/ticket/${id}/history?fields=Type,Creator&per_page=100`);
      return r.items;
    },
    async ticketCount() {
      const r = await call<{ total: number | null; count: number }>(`/tickets?query=${encodeURIComponent("id > 0")}&per_page=1`);
      return r.total ?? r.count;
    },
  };
}
