import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';

/** CAP 1.2 vocabularies used by Herald (OASIS CAP 1.2, section 3.2). */
export const CapStatus = lazySchema(() => z.enum(['Actual', 'Exercise', 'Test']));
export type CapStatus = z.infer<typeof CapStatus>;

export const CapMsgType = lazySchema(() => z.enum(['Alert', 'Update', 'Cancel']));
export type CapMsgType = z.infer<typeof CapMsgType>;

export const CapUrgency = lazySchema(() => z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']));
export type CapUrgency = z.infer<typeof CapUrgency>;

export const CapSeverity = lazySchema(() => z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']));
export type CapSeverity = z.infer<typeof CapSeverity>;

export const CapCertainty = lazySchema(() =>
  z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']),
);
export type CapCertainty = z.infer<typeof CapCertainty>;

/** A language tag as used in the registry (`en`, `fr`, ...). */
export const LanguageCode = lazySchema(() =>
  z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language tag such as en or fr'),
);
export type LanguageCode = z.infer<typeof LanguageCode>;

export const FollowUpKind = lazySchema(() => z.enum(['update', 'cancel', 'all-clear', 'correction']));
export type FollowUpKind = z.infer<typeof FollowUpKind>;

/** What a broadcast is: the first alert of an incident, or one of its follow-ups. */
export const BroadcastKind = lazySchema(() => z.enum(['alert', ...FollowUpKind.options]));
export type BroadcastKind = z.infer<typeof BroadcastKind>;

export const Channel = lazySchema(() => z.enum(['x', 'sns']));
export type Channel = z.infer<typeof Channel>;

export const StaffRole = lazySchema(() => z.enum(['inspector', 'comms', 'admin']));
export type StaffRole = z.infer<typeof StaffRole>;
