import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import type { libraryRoutes } from '../../shared/http/workspace/library-routes.js';

/** The workspace's library pages (docs/architecture.md D32). */
export const libraryPages: Pick<ConsoleHandlers, keyof typeof libraryRoutes> = {};
