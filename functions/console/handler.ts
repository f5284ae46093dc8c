import { serveConsole } from '../../shared/http/console-route.js';
import { httpApi } from '../../shared/http/http-api.js';
import { broadcastPages } from './broadcast-pages.js';
import { appContext } from './context.js';
import { filingPages } from './filing-pages.js';
import { incidentPages } from './incident-pages.js';
import { libraryPages } from './library-pages.js';
import { reportPages } from './report-pages.js';
import { sessionPages } from './session-pages.js';
import { consoleSite } from './site.js';
import { templatePages } from './template-pages.js';

export { appContext };

/**
 * The duty console (docs/architecture.md D31): server-rendered pages under /console over the
 * same use cases as the API (file, preview, approve, reject, follow up, read), behind a
 * server-side session (D30). Every action is a form post; a small script only refreshes the board.
 */
export const routes = serveConsole(consoleSite, {
  ...sessionPages,
  ...filingPages,
  ...broadcastPages,
  ...incidentPages,
  ...templatePages,
  ...libraryPages,
  ...reportPages,
});

export const handler = httpApi(routes, appContext.logger);
