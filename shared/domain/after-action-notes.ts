import * as z from 'zod';
import type { AuditEntry } from './audit.js';
import { ValidationError } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import { personalDataWarningsInTexts } from './personal-data-warnings/warnings.js';

/**
 * What communications staff write into an incident's after-action report (FEMA HSEEP AAR/IP):
 * what worked, what to improve, and the improvement plan (each corrective action with its owner
 * and a date to finish by). Kept beside the incident (docs/architecture.md D33).
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const CorrectiveAction = lazySchema(() =>
  z.strictObject({
    what: z.string().trim().min(1, 'Say what will be done').max(500, 'Keep the action under 500 characters'),
    owner: z
      .string()
      .trim()
      .min(1, 'Say who owns this action')
      .max(120, 'Keep the owner under 120 characters'),
    due: z
      .string()
      .trim()
      .regex(ISO_DATE, 'Give the date as YYYY-MM-DD')
      .refine(
        (v) =>
          !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
          new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
        'Give a real date',
      ),
  }),
);
export type CorrectiveAction = z.infer<typeof CorrectiveAction>;

export const AfterActionNotesInput = lazySchema(() =>
  z.strictObject({
    strengths: z.string().trim().max(4000, 'Keep what worked under 4,000 characters'),
    improvements: z.string().trim().max(4000, 'Keep what to improve under 4,000 characters'),
    actions: z.array(CorrectiveAction).max(20, 'At most 20 corrective actions'),
  }),
);
export type AfterActionNotesInput = z.infer<typeof AfterActionNotesInput>;

/** As stored: `revision` 0 means nothing was written yet; each save adds one (conditional write). */
export interface AfterActionNotes extends AfterActionNotesInput {
  incidentId: string;
  revision: number;
  updatedAt?: string;
  updatedBy?: string;
  history: AuditEntry[];
}

export function emptyNotes(incidentId: string): AfterActionNotes {
  return { incidentId, strengths: '', improvements: '', actions: [], revision: 0, history: [] };
}

/**
 * Parses what was typed and refuses phone numbers and e-mail addresses: the report is read by
 * people outside the duty team and must never carry a member of the public's contact details.
 */
export function parseNotes(input: unknown): AfterActionNotesInput {
  const parsed = AfterActionNotesInput.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      'the findings or actions are not valid',
      parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: i.message,
      })),
    );
  }
  const notes = parsed.data;
  const texts = [
    { path: ['strengths'], text: notes.strengths },
    { path: ['improvements'], text: notes.improvements },
    ...notes.actions.flatMap((a, i) => [
      { path: ['actions', i, 'what'], text: a.what },
      { path: ['actions', i, 'owner'], text: a.owner },
    ]),
  ];
  const found = personalDataWarningsInTexts(texts, { rules: ['phone-number', 'email-address'] });
  if (found.length > 0) {
    throw new ValidationError(
      'the report must not carry phone numbers or e-mail addresses',
      found.map((w) => ({
        path: w.path,
        message: `Remove the ${w.rule === 'phone-number' ? 'phone number' : 'e-mail address'}: the report carries no contact details`,
      })),
    );
  }
  return notes;
}

/** Replaces phone numbers and e-mail addresses in text the report shows (a provider's error). */
export function withoutContactDetails(text: string): string {
  const found = personalDataWarningsInTexts([{ path: [], text }], {
    rules: ['phone-number', 'email-address'],
  });
  let out = text;
  for (const w of [...found].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, w.start)}[removed]${out.slice(w.start + w.length)}`;
  }
  return out;
}
