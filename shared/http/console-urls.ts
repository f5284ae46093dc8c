import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CONSOLE_PATHS } from '../domain/staff-session.js';

/**
 * The absolute URLs the identity provider sends the browser back to, on the host the request came
 * in on (API Gateway's `domainName`: the API's own domain, or its custom domain). They must be
 * exactly those registered with the user pool client (infra/aws/console-sign-in.ts). The local
 * runtime answers on plain http on the loopback; everything else is https.
 */
export function consoleSignInUrls(request: Pick<APIGatewayProxyEventV2, 'requestContext'>): {
  redirectUri: string;
  signedOutUri: string;
} {
  const host = request.requestContext.domainName;
  const loopback = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  const origin = `${loopback ? 'http' : 'https'}://${host}`;
  return {
    redirectUri: `${origin}${CONSOLE_PATHS.signInCallback}`,
    signedOutUri: `${origin}${CONSOLE_PATHS.signedOut}`,
  };
}
