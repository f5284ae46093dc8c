import type { AuditEntry } from '../domain/broadcast.js';
import type { TemplateDraft, TemplateRecord, TemplateVersion } from '../domain/template.js';
import type { BroadcastKind } from '../domain/vocabulary.js';

/**
 * A published template version: one category, language and broadcast kind, a text per channel
 * with `{{variable}}` placeholders (logic-less: no code, no conditionals).
 */
export type Template = TemplateVersion;

/** Where rendering finds the published template of a category, language and kind. */
export interface TemplateSource {
  /** The published template, or undefined when there is none. */
  find(query: { category: string; language: string; kind: BroadcastKind }): Promise<Template | undefined>;
}

/**
 * Templates as comms staff edit them. The templates Herald ships with are version 1 of their
 * template until someone changes them, so a fresh installation needs no seeding step. Every write
 * is conditional on the revision the writer read; a stale one is a `ConflictError`.
 */
export interface TemplateRepository extends TemplateSource {
  get(id: string): Promise<TemplateRecord | undefined>;
  list(): Promise<TemplateRecord[]>;
  getVersion(id: string, version: number): Promise<TemplateVersion | undefined>;
  /** Every published version, oldest first. */
  listVersions(id: string): Promise<TemplateVersion[]>;
  /** Creates the template (revision 0 seen) or replaces its draft. */
  saveDraft(seen: TemplateRecord, draft: TemplateDraft, audit: AuditEntry): Promise<TemplateRecord>;
  /** Makes `version` the published one (it must be `seen.latestVersion + 1`) and drops the draft. */
  publish(seen: TemplateRecord, version: TemplateVersion, audit: AuditEntry): Promise<TemplateRecord>;
}
