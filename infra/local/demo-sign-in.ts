import type { DemoSignIn } from '../../shared/ports/staff-sessions.js';
import { DEMO_USERS, type DemoUser } from './demo-users.js';

/**
 * The console's sign-in in the local runtime: pick a demo user, no password, nothing leaves the
 * machine. It lives here, under infra/local, because nothing under shared/ or functions/ may
 * import infra/ (.dependency-cruiser.mjs): a Lambda bundle cannot contain it, and the AWS
 * context's sign-in is always the user pool's (shared/runtime/aws/staff-sign-in.ts).
 */
export function demoSignIn(users: readonly DemoUser[] = DEMO_USERS): DemoSignIn {
  const staff = users.map((user) => ({ id: user.id, name: user.name, roles: [...user.groups] }));
  return { kind: 'demo', users: () => staff };
}
