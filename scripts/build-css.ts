import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const assets = join(dirname(fileURLToPath(import.meta.url)), '../web/assets');

/** The compiled stylesheet every page links; committed, so no runtime or Lambda needs Sass. */
export const siteCssPath = join(assets, 'herald.css');

/** Compiles herald.scss against GOV.UK Frontend's Sass sources. */
export function compileSiteCss(): string {
  const result = sass.compile(join(assets, 'herald.scss'), {
    loadPaths: [join(assets, '../../node_modules/govuk-frontend/dist')],
    style: 'compressed',
    quietDeps: true,
  });
  return `${result.css}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(siteCssPath, compileSiteCss());
  console.log(`wrote ${siteCssPath}`);
}
