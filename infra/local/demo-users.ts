import type { StaffRole } from '../../shared/domain/vocabulary.js';

/**
 * The local runtime's staff: one list for both ways they sign in locally, a bearer token for the
 * API (dev-auth.ts, POST /dev/token) and a pick on the console's sign-in page (demo-sign-in.ts).
 * `groups` are what a Cognito id token carries in `cognito:groups`.
 */
export interface DemoUser {
  id: string;
  name: string;
  groups: readonly StaffRole[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'inspector.ada', name: 'Inspector Ada Okafor', groups: ['inspector'] },
  { id: 'inspector.ben', name: 'Inspector Ben Hartley', groups: ['inspector'] },
  { id: 'comms.chloe', name: 'Chloe Marsh (Communications)', groups: ['comms'] },
  { id: 'admin.dev', name: 'Local Administrator', groups: ['admin'] },
];
