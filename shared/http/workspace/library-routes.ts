import type { ConsoleSpec } from '../console-fields.js';

/** The workspace's library pages (docs/architecture.md D32). */
export const libraryRoutes = {} as const satisfies Record<string, ConsoleSpec>;
