import { formOf } from './html.js';

export interface PageResponse {
  status: number;
  html: string;
  headers: Headers;
  /** Where a 303 sends the browser. */
  location: string | null;
}

/**
 * A browser without JavaScript, as far as the public forms care: it keeps cookies, follows no
 * redirect by itself (tests look at each 303), posts forms url-encoded, and sends the headers a
 * current Chromium sends with a same-origin form post under `Referrer-Policy: no-referrer`
 * (`Sec-Fetch-Site: same-origin`, and `Origin: null`).
 */
export class FormClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  get(path: string): Promise<PageResponse> {
    return this.send('GET', path);
  }

  /** Posts `fields` (repeated names for checkboxes) with extra headers replacing the browser's. */
  post(
    path: string,
    fields: [string, string][],
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const body = new URLSearchParams(fields).toString();
    return this.send('POST', path, body, {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      origin: 'null',
      ...headers,
    });
  }

  /** Fills and sends the form `formId` of `page`, as a person pressing its button would. */
  submit(page: PageResponse, formId: string, fields: [string, string][] = []): Promise<PageResponse> {
    const { action, csrf } = formOf(page.html, formId);
    return this.post(action, [['csrf', csrf], ...fields]);
  }

  /** Follows a 303 as the browser would. */
  follow(response: PageResponse): Promise<PageResponse> {
    if (response.status !== 303 || !response.location)
      throw new Error(`expected a 303, got ${response.status}: ${response.html.slice(0, 300)}`);
    return this.get(response.location);
  }

  forgetCookies(): void {
    this.cookies.clear();
  }

  private async send(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = (pair ?? '').indexOf('=');
      if (at > 0) this.cookies.set((pair as string).slice(0, at), (pair as string).slice(at + 1));
    }
    return {
      status: response.status,
      html: await response.text(),
      headers: response.headers,
      location: response.headers.get('location'),
    };
  }
}
