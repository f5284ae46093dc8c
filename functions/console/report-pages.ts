import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import type { reportRoutes } from '../../shared/http/workspace/report-routes.js';

/** The workspace's report pages (docs/architecture.md D32). */
export const reportPages: Pick<ConsoleHandlers, keyof typeof reportRoutes> = {};
