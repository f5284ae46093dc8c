import * as z from 'zod';

/** CAP 1.2 vocabularies used by Herald (OASIS CAP 1.2, section 3.2). */
export const CapStatus = z.enum(['Actual', 'Exercise', 'Test']);
export type CapStatus = z.infer<typeof CapStatus>;

export const CapMsgType = z.enum(['Alert', 'Update', 'Cancel']);
export type CapMsgType = z.infer<typeof CapMsgType>;

export const CapUrgency = z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);
export type CapUrgency = z.infer<typeof CapUrgency>;

export const CapSeverity = z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']);
export type CapSeverity = z.infer<typeof CapSeverity>;

export const CapCertainty = z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']);
export type CapCertainty = z.infer<typeof CapCertainty>;

/** A language tag as used in the registry (`en`, `fr`, ...). */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language tag such as en or fr');
export type LanguageCode = z.infer<typeof LanguageCode>;

export const FollowUpKind = z.enum(['update', 'cancel', 'all-clear', 'correction']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;

/** What a broadcast is: the first alert of an incident, or one of its follow-ups. */
export const BroadcastKind = z.enum(['alert', ...FollowUpKind.options]);
export type BroadcastKind = z.infer<typeof BroadcastKind>;

export const Channel = z.enum(['x', 'sns']);
export type Channel = z.infer<typeof Channel>;

export const StaffRole = z.enum(['inspector', 'comms', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;
