import type { ConsoleSpec } from '../console-fields.js';

/** The workspace's report pages (docs/architecture.md D32). */
export const reportRoutes = {} as const satisfies Record<string, ConsoleSpec>;
