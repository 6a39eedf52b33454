// The project's fault-injection proxy: sits on 127.0.0.1 between the extension and the real
// Request Tracker and, from a seeded random sequence, breaks requests in the ways networks and
// desks do. Bounded: it serves only while a test runs and only forwards to the local desk.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULTS = ['refuse', 'drop-before', 'drop-after', 'delay', 'http-500', 'http-502', 'http-503', 'rate-limit', 'login-page', 'truncated-json'] as const;
export type Fault = (typeof FAULTS)[number];

/** mulberry32: small, seedable, reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOGIN = '<!doctype html><html><body><form id="login" action="/NoAuth/Login.html"><input type="password" name="pass"></form></body></html>';

/**
 * `delayMs`: how long the "delay" fault holds a request before forwarding it; set it past the
 * extension's desk timeout, so the desk still does the work after the extension gave up.
 */
export async function startFaultProxy(target: string, opts: { seed: number; rate: number; delayMs?: number }) {
  const random = seeded(opts.seed);
  const upstream = new URL(target);
  const counts: Partial<Record<Fault | 'clean', number>> = {};
  let active = false;
  let down = false;
  /** Faults asked for by the test: the next request matching each gets it, whatever the dice say. */
  const forced: { fault: Fault; method: string; path: RegExp }[] = [];

  function pass(req: IncomingMessage, body: Buffer, res: ServerResponse, after?: (status: number, headers: Record<string, unknown>, data: Buffer) => void) {
    const out = forward(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const data = Buffer.concat(chunks);
          if (after) return after(up.statusCode ?? 502, up.headers, data);
          res.writeHead(up.statusCode ?? 502, up.headers).end(data);
        });
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (down) return req.socket.destroy();
      const body = Buffer.concat(chunks);
      const asked = forced.findIndex((f) => f.method === req.method && f.path.test(req.url ?? ''));
      const fault: Fault | 'clean' =
        asked >= 0 ? forced.splice(asked, 1)[0]!.fault : active && random() < opts.rate ? (FAULTS[Math.floor(random() * FAULTS.length)] as Fault) : 'clean';
      counts[fault] = (counts[fault] ?? 0) + 1;
      switch (fault) {
        case 'refuse':
        case 'drop-before':
          return req.socket.destroy();
        case 'drop-after':
          // The desk did the work; the answer never arrives.
          return pass(req, body, res, () => req.socket.destroy());
        case 'delay':
          // Past the extension's timeout: it gives up, then the desk does the work anyway.
          return void setTimeout(() => pass(req, body, res), opts.delayMs ?? 3000);
        case 'http-500':
        case 'http-502':
        case 'http-503':
          return res.writeHead(Number(fault.slice(5)), { 'Content-Type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
        case 'rate-limit':
          return res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{"message":"Too many requests"}');
        case 'login-page':
          return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(LOGIN);
        case 'truncated-json':
          return pass(req, body, res, (status, headers, data) => {
            const rest = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-length'));
            res.writeHead(status, rest as Record<string, string>).end(data.subarray(0, Math.floor(data.length / 2)));
          });
        default:
          return pass(req, body, res);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    faults: (on: boolean) => {
      active = on;
    },
    /** The next `method` request whose path matches gets `fault` (counted like the random ones). */
    force: (fault: Fault, method: string, path: RegExp) => {
      forced.push({ fault, method, path });
    },
    /** Every connection refused, as when the desk is unreachable. */
    down: (on: boolean) => {
      down = on;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
