import { Permissions } from '../../shared/domain/principal.js';
import type { StaffRole } from '../../shared/domain/vocabulary.js';
import type { RouteKey } from '../../shared/http/contract.js';

/**
 * Who may call each route (docs/architecture.md D9). The contract declares only staff or public;
 * the roles are checked by the use cases against `Permissions`, so this table names the permission
 * each route's use case requires, and the roles themselves come from `Permissions`: a change
 * there shows here. A route of the contract missing from this table does not compile, and
 * `ruleOf` throws for it at run time, so every new route has to be classified.
 */
export type RouteRule = 'public' | keyof typeof Permissions;

export const ROUTE_RULES: Record<RouteKey, RouteRule> = {
  'GET /health': 'public',
  'GET /openapi.json': 'public',
  'GET /registry': 'read',
  'POST /incidents': 'fileIncident',
  'GET /incidents': 'read',
  'GET /incidents/{id}': 'read',
  'POST /incidents/{id}/follow-ups': 'fileFollowUp',
  'GET /broadcasts/{id}': 'read',
  // The author may also withdraw (reject) their own draft, whatever their role.
  'POST /broadcasts/{id}/approve': 'approve',
  'POST /broadcasts/{id}/reject': 'approve',
  'GET /broadcasts/{id}/deliveries': 'read',
  'GET /categories': 'read',
  'GET /templates': 'read',
  'GET /templates/{id}': 'read',
  'PUT /templates/{id}': 'editLibrary',
  'POST /templates/{id}/publish': 'editLibrary',
  'POST /templates/{id}/preview': 'read',
  'GET /templates/{id}/versions/{version}': 'read',
  'GET /resources': 'read',
  'GET /resources/{id}': 'read',
  'PUT /resources/{id}': 'editLibrary',
  'POST /subscriptions': 'public',
  'POST /subscriptions/{id}/confirm': 'public',
  'GET /subscriptions/manage/{token}': 'public',
  'PUT /subscriptions/manage/{token}': 'public',
  'DELETE /subscriptions/manage/{token}': 'public',
  'GET /audience': 'read',
};

export function ruleOf(key: string): RouteRule {
  const rule = (ROUTE_RULES as Record<string, RouteRule | undefined>)[key];
  if (!rule) {
    throw new Error(
      `the route ${key} has no entry in ROUTE_RULES (tests/fuzz/route-roles.ts): classify it as public or by the permission its use case requires (D9)`,
    );
  }
  return rule;
}

/** The staff roles that may call a route; undefined for a public route. */
export function rolesAllowed(rule: RouteRule): readonly StaffRole[] | undefined {
  return rule === 'public' ? undefined : Permissions[rule];
}

export interface DemoUser {
  id: string;
  roles: readonly StaffRole[];
}

/** Demo users file the fixtures as this inspector, so another user can approve them. */
export const FIXTURE_AUTHOR = 'inspector.ada';

/**
 * A user who may call the route and is not the fixtures' author (the author may not approve her own
 * broadcast); undefined for a public route.
 */
export function userFor(rule: RouteRule, users: readonly DemoUser[]): string | undefined {
  const roles = rolesAllowed(rule);
  if (!roles) return undefined;
  const allowed = users.filter((u) => u.roles.some((role) => roles.includes(role)));
  const user = allowed.find((u) => u.id !== FIXTURE_AUTHOR) ?? allowed[0];
  if (!user) throw new Error(`no demo user has one of the roles ${roles.join(', ')}`);
  return user.id;
}
