import { cognitoSettings } from '../../adapters/oidc/oidc-settings.js';
import { OidcStaffSignIn } from '../../adapters/oidc/oidc-sign-in.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/**
 * The console's staff sign-in on AWS (manifest `staffSignIn`): the user pool's hosted sign-in,
 * from three variables read when the context is built, each named if missing. Always the OIDC
 * sign-in: a demo sign-in is built only by the local runtime (infra/local/demo-sign-in.ts), which
 * nothing under shared/ or functions/ may import, so no Lambda can offer one.
 */
export const staffSignIn: AwsAdapter<Pick<AppContext, 'staffSignIn'>> = {
  name: 'staffSignIn',
  ports: ['staffSignIn'],
  build: (env, { clock }) => {
    const settings = cognitoSettings({
      domain: required(env, 'staffSignInDomain', 'staff sign-in'),
      clientId: required(env, 'consoleClientId', 'staff sign-in'),
      userPoolId: required(env, 'staffUserPoolId', 'staff sign-in'),
    });
    return { staffSignIn: new OidcStaffSignIn(settings, clock) };
  },
};
