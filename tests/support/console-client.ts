import { startTags } from './html.js';

/** The console's session cookie (shared/http/console-session-cookie.ts). */
export const CONSOLE_COOKIE = '__Host-herald-console';

export interface ConsoleResponse {
  status: number;
  /** The body as text: a page, a fragment, or the status poll's JSON. */
  html: string;
  headers: Headers;
  /** Where a 303 sends the browser. */
  location: string | null;
}

/**
 * A staff member's browser on the duty console, without its script: it keeps cookies (a
 * `Max-Age=0` removes one, as a browser does), follows no redirect by itself, and posts forms
 * url-encoded with the headers a current browser sends with a same-origin form post
 * (`Sec-Fetch-Site: same-origin`). Each page it reads gives it the session's anti-forgery token,
 * which `post` sends unless the fields say otherwise.
 */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  /** The `csrf` field of the last page read that had one. */
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** Signs in as a demo user through the sign-in form and reads the home page for its token. */
  static async signIn(baseUrl: string, user: string): Promise<ConsoleClient> {
    const client = new ConsoleClient(baseUrl);
    const signed = await client.post(
      '/console/sign-in',
      [
        ['user', user],
        ['returnTo', '/console'],
      ],
      {},
      { csrf: false },
    );
    if (signed.status !== 303 || !client.sessionCookie())
      throw new Error(`sign-in as ${user} failed: ${signed.status} ${signed.html.slice(0, 300)}`);
    const home = await client.get('/console');
    if (home.status !== 200) throw new Error(`the console's home page answered ${home.status}`);
    return client;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<ConsoleResponse> {
    return this.send('GET', path, undefined, headers);
  }

  /**
   * Posts `fields` (repeated names for checkboxes) with the page's token first, unless
   * `csrf: false` or a `csrf` field of the caller's own; `headers` replace the browser's (an
   * `undefined` one is not sent, as by a browser that does not send it).
   */
  post(
    path: string,
    fields: [string, string][],
    headers: Record<string, string | undefined> = {},
    options: { csrf?: boolean } = {},
  ): Promise<ConsoleResponse> {
    const withToken =
      options.csrf === false || fields.some(([name]) => name === 'csrf') || !this.csrf
        ? fields
        : [['csrf', this.csrf] as [string, string], ...fields];
    const sent = Object.entries({
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      origin: 'null',
      ...headers,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return this.send('POST', path, new URLSearchParams(withToken).toString(), Object.fromEntries(sent));
  }

  /** Follows a 303 as the browser would. */
  follow(response: ConsoleResponse): Promise<ConsoleResponse> {
    if (response.status !== 303 || !response.location)
      throw new Error(`expected a 303, got ${response.status}: ${response.html.slice(0, 300)}`);
    return this.get(response.location);
  }

  /** The session cookie's value, while the browser has one. */
  sessionCookie(): string | undefined {
    return this.cookies.get(CONSOLE_COOKIE) || undefined;
  }

  /** Sends this cookie from now on, as a browser that kept (or was given) an old one would. */
  setSessionCookie(value: string): void {
    this.cookies.set(CONSOLE_COOKIE, value);
  }

  private async send(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<ConsoleResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = set.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at);
      const removed = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || at === pair.length - 1;
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    const html = await response.text();
    const token = csrfOf(html);
    if (token) this.csrf = token;
    return {
      status: response.status,
      html,
      headers: response.headers,
      location: response.headers.get('location'),
    };
  }
}

/** The value of the first hidden `csrf` field of a page (every console form carries the same one). */
export function csrfOf(html: string): string | undefined {
  return startTags(html, 'input').find((i) => i.name === 'csrf')?.value;
}
