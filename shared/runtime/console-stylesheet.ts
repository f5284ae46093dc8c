import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The duty console's stylesheet, read from a file at its first request (D29's way for the
 * registry): 80 KiB of CSS as a string in the console's code was parsed at every cold start, most
 * of which never serve it (the browser caches it for a year under its hashed name).
 */

/** Its name beside the console's index.mjs; the CDK construct and `npm run bundles` copy it there. */
export const CONSOLE_CSS_BESIDE_BUNDLE = 'console.css';
/** Where scripts/build-css.ts writes it in the repository. */
export const CONSOLE_CSS_SOURCE = 'web/assets/console.css';

/**
 * The first of two places that exists, as for the registry (shared/runtime/registry-file.ts):
 * beside the bundle (every module's `import.meta.url` is index.mjs there), or the repository's
 * file two levels above this module (unbundled, as the local runtime and tests run it).
 */
export function consoleStylesheetFile(moduleUrl: string = import.meta.url, exists = existsSync): string {
  const candidates = [
    fileURLToPath(new URL(`./${CONSOLE_CSS_BESIDE_BUNDLE}`, moduleUrl)),
    fileURLToPath(new URL(`../../${CONSOLE_CSS_SOURCE}`, moduleUrl)),
  ];
  const found = candidates.find((candidate) => exists(candidate));
  if (found) return found;
  throw new Error(`no console stylesheet: neither ${candidates[0]} nor ${candidates[1]} exists`);
}

let stylesheet: Promise<string> | undefined;

/** The stylesheet's text, read once per process. */
export function consoleStylesheet(): Promise<string> {
  stylesheet ??= readFile(consoleStylesheetFile(), 'utf8');
  return stylesheet;
}
