/**
 * Delivery moved to shared/use-cases/delivery/ and its settings to the domain. This re-export
 * remains only because shared/runtime/context.ts, aws-context.ts and aws/adapter.ts, being reworked
 * by others at the same time, still import the settings from here; delete it once they import
 * shared/domain/delivery-policy.ts.
 */
export type { DeliverySettings } from '../domain/delivery-policy.js';
