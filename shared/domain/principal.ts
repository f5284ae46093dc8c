import { ForbiddenError } from './errors.js';
import type { StaffRole } from './vocabulary.js';

/** The authenticated staff member behind a request. */
export interface Principal {
  id: string;
  name?: string;
  roles: StaffRole[];
}

export function hasAnyRole(principal: Principal, roles: readonly StaffRole[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

export function requireRole(principal: Principal, roles: readonly StaffRole[], action: string): void {
  if (!hasAnyRole(principal, roles)) {
    throw new ForbiddenError(`${action} needs one of the roles ${roles.join(', ')}`);
  }
}

/** Who may do what. Authorization lives here and in the use cases, never in adapters. */
export const Permissions = {
  fileIncident: ['inspector'],
  /** Comms officers on call file corrections too: a wrong message must be correctable at once. */
  fileFollowUp: ['inspector', 'comms'],
  approve: ['inspector', 'comms'],
  read: ['inspector', 'comms', 'admin'],
  /** Communications staff own the words and the resource library; everyone else reads them. */
  editLibrary: ['comms'],
  /** Communications staff write the after-action findings and corrective actions; others read them. */
  writeReports: ['comms'],
} as const satisfies Record<string, readonly StaffRole[]>;
