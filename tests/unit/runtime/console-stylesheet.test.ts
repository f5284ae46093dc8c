import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleStylesheet, consoleStylesheetFile } from '../../../shared/runtime/console-stylesheet.js';

describe("the console's stylesheet file", () => {
  it('is read beside the bundle when the bundle has it', () => {
    const found = consoleStylesheetFile(
      'file:///var/task/index.mjs',
      (file) => file === '/var/task/console.css',
    );
    expect(found).toBe('/var/task/console.css');
  });

  it("is read from the repository's web/assets when unbundled", () => {
    const found = consoleStylesheetFile(
      'file:///repo/shared/runtime/console-stylesheet.ts',
      (file) => file === '/repo/web/assets/console.css',
    );
    expect(found).toBe('/repo/web/assets/console.css');
  });

  it('names both places when neither exists', () => {
    expect(() => consoleStylesheetFile('file:///var/task/index.mjs', () => false)).toThrow(
      /\/var\/task\/console\.css.*\/web\/assets\/console\.css/,
    );
  });

  it('is the committed stylesheet, read once', async () => {
    const first = consoleStylesheet();
    expect(consoleStylesheet()).toBe(first);
    expect(await first).toBe(
      readFileSync(new URL('../../../web/assets/console.css', import.meta.url), 'utf8'),
    );
  });
});
