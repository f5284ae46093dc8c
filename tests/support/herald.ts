import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface Herald {
  runtime: LocalRuntime;
  url: string;
  /** Calls the API as a demo user (or anonymously), with a JSON body when given. */
  call<T = any>(
    method: string,
    path: string,
    options?: { user?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Files the example incident of a category; `overrides` replace top-level fields. */
  fileIncident(overrides?: Record<string, unknown>, user?: string): Promise<ApiResponse>;
  /** Resolves when no job is queued or in flight (including delayed retries). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** A whole Herald in this process: real HTTP on 127.0.0.1, dynalite, fake X and SNS. */
export async function startHerald(options: LocalRuntimeOptions = {}): Promise<Herald> {
  const runtime = await startLocalRuntime({ port: 0, quiet: true, ...options });
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) tokens.set(user, await runtime.auth.issueToken(user));
    return tokens.get(user) as string;
  };

  const call: Herald['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.user) headers.authorization = `Bearer ${await token(options.user)}`;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    runtime,
    url: runtime.url,
    call,
    fileIncident: (overrides = {}, user = 'inspector.ada') =>
      call('POST', '/incidents', { user, body: exampleIncident(overrides) }),
    settled: () => runtime.queues.idle({ includeDelayed: true }),
    stop: () => runtime.stop(),
  };
}

/**
 * Files the example incident as inspector.ada (with `overrides`) and approves it as inspector.ben,
 * the two people D9 needs; stops the test on any other answer. Returns the incident and broadcast
 * views the filing answered with. Dispatch goes on: call `settled()` to wait for it.
 */
export async function fileAndApprove(h: Herald, overrides: Record<string, unknown> = {}) {
  const filed = await h.fileIncident(overrides);
  if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${JSON.stringify(filed.body)}`);
  const { broadcast, incident } = filed.body;
  const approved = await h.call('POST', `/broadcasts/${broadcast.id}/approve`, {
    user: 'inspector.ben',
    body: { contentHash: broadcast.contentHash },
  });
  if (approved.status !== 200)
    throw new Error(`approval answered ${approved.status}: ${JSON.stringify(approved.body)}`);
  return { incident, broadcast };
}

/** A valid two-division weapons call in English and French, as an inspector would file it. */
export function exampleIncident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14', '51'],
    languages: ['en', 'fr'],
    facts: {
      location: 'Queen St W and Bathurst St',
      time: '21:40',
      description: {
        en: 'Suspect: male, about 30, black hoodie, fled on foot northbound.',
        fr: 'Suspect : homme, environ 30 ans, chandail noir, en fuite à pied vers le nord.',
      },
    },
    expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
    ...overrides,
  };
}
