import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterEach, beforeAll, vi } from 'vitest';
import type { HttpRoute } from '../../../functions/manifest-types.js';
import { createDevAuth, type DevAuth } from '../../../infra/local/dev-auth.js';
import type { DevRoute } from '../../../infra/local/dev-routes.js';
import {
  type HttpHandler,
  type RunningHttpServer,
  startHttpServer,
} from '../../../infra/local/http-server.js';
import { definition, recordingLogger } from './support.js';

/**
 * A local HTTP API for one test at a time: call it in a `describe`, then `serve` in each test. It
 * signs tokens for `duty.both` (inspector and comms) and closes the server after each test.
 */
export function localHttpApi() {
  const state: {
    auth?: DevAuth;
    server?: RunningHttpServer | undefined;
    logger: ReturnType<typeof recordingLogger>;
  } = { logger: recordingLogger() };

  beforeAll(async () => {
    state.auth = await createDevAuth({
      users: [{ id: 'duty.both', name: 'Duty Officer', groups: ['inspector', 'comms'] }],
    });
  });

  afterEach(async () => {
    await state.server?.close();
    state.server = undefined;
  });

  /** Serves one function on the given routes; the handler answers 200 `{}` unless given. */
  async function serve(
    routes: HttpRoute[],
    handler?: HttpHandler,
    options: { devRoutes?: DevRoute[]; auth?: DevAuth } = {},
  ) {
    state.logger = recordingLogger();
    const spy = vi.fn(handler ?? (async () => ({ statusCode: 200, body: '{}' })));
    state.server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      functions: [{ definition: definition('fn', { kind: 'http', routes }, 6), handler: spy }],
      auth: options.auth ?? (state.auth as DevAuth),
      devRoutes: options.devRoutes ?? [],
      maxBodyBytes: 1024,
      logger: state.logger,
    });
    return { url: state.server.url, handler: spy, logger: state.logger };
  }

  return {
    serve,
    /** The token of `duty.both`. */
    token: () => (state.auth as DevAuth).issueToken('duty.both'),
    /** Closes the server now (it is closed after the test anyway). */
    close: async () => {
      await state.server?.close();
      state.server = undefined;
    },
  };
}

/** The event of the handler's first call. */
export const eventOf = (handler: ReturnType<typeof vi.fn>): APIGatewayProxyEventV2WithJWTAuthorizer =>
  handler.mock.calls[0]?.[0];
