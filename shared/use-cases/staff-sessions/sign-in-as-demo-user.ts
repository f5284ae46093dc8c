import { NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { DemoSignIn } from '../../ports/staff-sessions.js';

/**
 * Local only: signs in as one of the demo users picked on the sign-in page. The local runtime is
 * the only place a DemoSignIn exists (infra/local/demo-sign-in.ts); on AWS the context's sign-in
 * is always the OIDC one, so this cannot run there.
 */
export function signInAsDemoUser(signIn: DemoSignIn, userId: string): Principal & { name: string } {
  const user = signIn.users().find((candidate) => candidate.id === userId);
  if (!user) throw new NotFoundError(`there is no demo user '${userId}'`);
  return { id: user.id, name: user.name, roles: [...user.roles] };
}
