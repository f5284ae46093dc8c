import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Plumbing shared by the fake endpoints: listening, bodies, replies and hung requests. */

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Ends hung and keep-alive connections too, so test teardown never waits on them. */
  close(): Promise<void>;
  /** Keeps a request unanswered, then destroys its socket after `ms` (a timeout after accept). */
  hang(res: ServerResponse, ms: number): void;
}

export async function listen(
  handler: Handler,
  options: { host?: string; port?: number } = {},
): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent && writable(res)) sendText(res, 500, 'fake endpoint failure');
      else res.destroy();
    });
  });
  // As the real endpoints do, keep idle connections open longer than a client reuses them: Node's
  // 5 s default races the SDK's kept-alive sockets ("socket hang up"; see dynalite-thread.mjs).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const running: RunningServer = {
    url: `http://${host}:${port}`,
    port,
    hang(res, ms) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.socket?.destroy();
      }, ms);
      timer.unref();
      timers.add(timer);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return running;
}

export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A client may have given up (timeout) while the fake was sleeping: never write to a dead socket. */
export function writable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (!writable(res)) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain',
): void {
  if (!writable(res)) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export function parseJson(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}
