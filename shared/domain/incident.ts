import * as z from 'zod';
import type { AuditEntry } from './audit.js';
import { lazySchema } from './lazy-schema.js';
import { safeRecord } from './safe-record.js';
import { CapCertainty, CapSeverity, CapStatus, CapUrgency, LanguageCode } from './vocabulary.js';

/**
 * A fact for the template: one text for every language (a place, a time, a name) or, for free
 * text the inspector writes, one text per language (`{ en: '...', fr: '...' }`). Herald never
 * machine-translates.
 */
export const FactValue = lazySchema(() =>
  z.union([z.string().trim().min(1).max(500), safeRecord(LanguageCode, z.string().trim().min(1).max(500))]),
);
export type FactValue = z.infer<typeof FactValue>;
export type Facts = Record<string, FactValue>;

export const IncidentStatus = lazySchema(() => z.enum(['OPEN', 'CLOSED']));

export interface Incident {
  id: string;
  category: string;
  status: CapStatus;
  severity: CapSeverity;
  urgency: CapUrgency;
  certainty: CapCertainty;
  /** Division ids; empty exactly when `citywide` is true. */
  areas: string[];
  citywide: boolean;
  languages: string[];
  facts: Facts;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  state: z.infer<typeof IncidentStatus>;
}

/** An incident as stored: with its own audit trail (opened, closed), appended by each change (D1). */
export interface IncidentRecord extends Incident {
  history: AuditEntry[];
}

export { CapCertainty, CapSeverity, CapStatus, CapUrgency };
