import type { TemplateField, TemplateVariable } from '../../../shared/domain/template.js';

/** One language's column of the editor: what is shown in its fields and the revision it read. */
export interface EditorLanguage {
  code: string;
  name: string;
  values: Record<TemplateField, string>;
  revision: number;
  variables: TemplateVariable[];
  published?: { version: number; publishedAt: string; publishedBy: string; builtin: boolean } | undefined;
  draft?: { updatedAt: string; updatedBy: string } | undefined;
}
