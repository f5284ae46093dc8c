import type { TemplateField, TemplateVariable } from '../../../shared/domain/template.js';

/** One language's column of the editor: what is shown in its fields and the revision it read. */
export interface EditorLanguage {
  code: string;
  name: string;
  values: Record<TemplateField, string>;
  revision: number;
  variables: TemplateVariable[];
  /** `publishedBy` and `updatedBy` are what staff read: the display name, else the id (D36). */
  published?: { version: number; publishedAt: string; publishedBy: string; builtin: boolean } | undefined;
  draft?: { updatedAt: string; updatedBy: string } | undefined;
}
