import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import type { templateRoutes } from '../../shared/http/workspace/template-routes.js';

/** The workspace's template pages (docs/architecture.md D32). */
export const templatePages: Pick<ConsoleHandlers, keyof typeof templateRoutes> = {};
