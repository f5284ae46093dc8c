import type { TemplateField } from '../../../shared/domain/template.js';
import type { BroadcastKind } from '../../../shared/domain/vocabulary.js';

/** Each channel text as the editor names it, with how it is used. */
export const FIELD_LABELS: Record<TemplateField, { label: string; hint: string; rows: number }> = {
  headline: { label: 'Headline', hint: 'The title on the public page, CAP and the e-mail.', rows: 2 },
  x: { label: 'X post', hint: 'Split into a thread when over 280 weighted characters.', rows: 4 },
  sms: { label: 'SMS', hint: 'One accent outside GSM-7 makes every part 70 characters.', rows: 3 },
  emailSubject: { label: 'E-mail subject', hint: 'The subject line subscribers see.', rows: 2 },
  emailBody: { label: 'E-mail body', hint: 'The attached resources follow it in full.', rows: 10 },
  capDescription: { label: 'Alert description (CAP)', hint: 'For the alerting feeds.', rows: 4 },
  capInstruction: { label: 'Instruction (CAP)', hint: 'What people should do. May be empty.', rows: 2 },
  web: { label: 'Public page', hint: 'The article on the public alert page.', rows: 8 },
};

export const KIND_NAMES: Record<BroadcastKind, string> = {
  alert: 'Alert',
  update: 'Update',
  correction: 'Correction',
  cancel: 'Cancellation',
  'all-clear': 'All clear',
};

/** `/console/templates/collision/alert`: the editor of one category and kind. */
export const editorPath = (category: string, kind: string) => `/console/templates/${category}/${kind}`;
