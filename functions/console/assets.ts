import { createHash } from 'node:crypto';
import { CONSOLE_SCRIPT } from '../../web/console/script.js';

export { CONSOLE_CSS_NAME } from '../../web/assets/console-css.js';
export { CONSOLE_SCRIPT };

/** The script's name carries its hash, so it is cached for a year and a new script is a new URL. */
export const CONSOLE_SCRIPT_NAME = `console.${createHash('sha256').update(CONSOLE_SCRIPT).digest('hex').slice(0, 10)}.js`;
