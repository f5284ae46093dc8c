import type { ConsoleSpec } from '../console-fields.js';

/** The workspace's template pages (docs/architecture.md D32). */
export const templateRoutes = {} as const satisfies Record<string, ConsoleSpec>;
