import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import sparticuz from '@sparticuz/chromium';
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';

/**
 * A real headless Chromium for the public pages: the one inside `@sparticuz/chromium`, so a fresh
 * `npm install` is all a machine needs (no `playwright install`, no download from elsewhere).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts/screenshots');

/**
 * Sparticuz's flags are tuned for Lambda. Three would make these tests lie or crash: one process
 * for everything (closing a context closes the browser), and no same-origin policy or
 * mixed-content blocking (a reader's browser has both, and the pages must work under them).
 */
const LAMBDA_ONLY_FLAGS = new Set([
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
]);

/** Launches Chromium once per test file; the caller closes it (in `afterAll` or `finally`). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: sparticuz.args.filter((flag) => !LAMBDA_ONLY_FLAGS.has(flag)),
    headless: true,
  });
}

export interface ReaderOptions {
  /** A cheap phone: 360 x 800 CSS pixels, touch. @default false (a 1280 x 800 desktop) */
  phone?: boolean;
  /** @default true */
  javaScript?: boolean;
}

/**
 * A reader: a fresh context (no cookies, no cache) with every request and console message it
 * makes recorded from the start, so a test can say what the pages asked for and complained about.
 */
export interface Reader {
  context: BrowserContext;
  page: Page;
  /** Every request of every page in the context, in order. */
  requests: URL[];
  /** Every console message, as `type: text`. */
  console: string[];
  /** Console messages in which the browser reports a Content-Security-Policy violation. */
  cspViolations(): string[];
  /** Goes to a URL and returns the main document's response. */
  goto(url: string): Promise<Response>;
  close(): Promise<void>;
}

export async function newReader(browser: Browser, options: ReaderOptions = {}): Promise<Reader> {
  const context = await browser.newContext({
    viewport: options.phone ? { width: 360, height: 800 } : { width: 1280, height: 800 },
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
    javaScriptEnabled: options.javaScript ?? true,
  });
  const requests: URL[] = [];
  const messages: string[] = [];
  context.on('request', (request) => requests.push(new URL(request.url())));
  context.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  const page = await context.newPage();
  return {
    context,
    page,
    requests,
    console: messages,
    cspViolations: () => messages.filter((m) => /Content Security Policy/i.test(m)),
    async goto(url) {
      const response = await page.goto(url);
      if (!response) throw new Error(`no response for ${url}`);
      return response;
    },
    close: () => context.close(),
  };
}

/**
 * Fails on any `serious` or `critical` axe-core violation, listing each with the rule, its help
 * page and the elements at fault, so the failure says what to fix without a rerun.
 */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  // Legacy mode runs axe in the page itself rather than in an extra page per call (twice as fast);
  // the public pages have no frames for the other mode to reach.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const readable = serious.map((violation) =>
    [
      `${violation.id} (${violation.impact}): ${violation.help} <${violation.helpUrl}>`,
      ...violation.nodes.map(
        (node) => `  at ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`,
      ),
    ].join('\n'),
  );
  expect(readable, `axe-core: serious or critical violations on ${label}`).toEqual([]);
}

/**
 * Writes a full-page PNG under `test-artifacts/screenshots/` (kept out of git) for a person to
 * look at; returns its path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A PNG's width and height in pixels, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
