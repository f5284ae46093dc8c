import { auditActor } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcast.js';
import { ValidationError } from '../domain/errors.js';
import type { Facts, Incident } from '../domain/incident.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import type { CapCertainty, CapSeverity, CapStatus, CapUrgency } from '../domain/vocabulary.js';
import type { BroadcastRepository, IncidentRepository } from '../ports/repositories.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { Clock, Ids } from '../ports/system.js';
import type { TemplateSource } from '../ports/templates.js';
import type { XPostBudget } from '../ports/x-budget.js';
import { composeBroadcast } from './compose-broadcast.js';
import { storeWhileWarming, type WarmDispatchDeps } from './warm-dispatch.js';

export interface FileIncidentCommand {
  category: string;
  status: CapStatus;
  severity: CapSeverity;
  urgency: CapUrgency;
  certainty: CapCertainty;
  areas?: string[] | undefined;
  citywide?: boolean | undefined;
  languages: string[];
  facts: Facts;
  expiresAt: string;
}

export interface FileIncidentDeps extends WarmDispatchDeps {
  registry: Registry;
  templates: TemplateSource;
  resources: ResourceRepository;
  xBudget: XPostBudget;
  incidents: IncidentRepository;
  broadcasts: BroadcastRepository;
  clock: Clock;
  ids: Ids;
}

/** The longest an alert may stay active before it must be renewed by an update. */
const MAX_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/** What drafting reads: it composes and checks, and writes nothing. */
export type DraftIncidentDeps = Pick<
  FileIncidentDeps,
  'registry' | 'templates' | 'resources' | 'xBudget' | 'clock' | 'ids'
>;

/**
 * An inspector files an incident; Herald drafts its first broadcast for approval.
 *
 * 1. Draft it as `previewIncident` does (role, expiry, audience, rendering); any problem is a
 *    ValidationError before anything is written.
 * 2. Store the incident, then its broadcast in PENDING_APPROVAL, each with its audit entry, while
 *    the delivery workers are warmed for the approval (D40).
 */
export async function fileIncident(
  deps: FileIncidentDeps,
  principal: Principal,
  command: FileIncidentCommand,
): Promise<{ incident: Incident; broadcast: Broadcast }> {
  const { incident, broadcast } = await draftIncident(deps, principal, command);
  await storeWhileWarming(deps, broadcast, async () => {
    await deps.incidents.create(incident, {
      at: incident.createdAt,
      ...auditActor(principal),
      from: null,
      to: 'OPEN',
    });
    await deps.broadcasts.create(broadcast);
  });
  return { incident, broadcast };
}

/**
 * The broadcast `fileIncident` would store for this command, with the same checks and the same
 * errors (a form shows each ValidationError next to its field), and nothing written. Its id, and
 * so its link and content hash, are new ones: filing drafts again and the approver sees that hash.
 */
export async function previewIncident(
  deps: DraftIncidentDeps,
  principal: Principal,
  command: FileIncidentCommand,
): Promise<Broadcast> {
  return (await draftIncident(deps, principal, command)).broadcast;
}

/**
 * The one path filing and previewing share.
 *
 * 1. Check the filer is an inspector and the expiry is in the future (at most 7 days).
 * 2. Resolve the audience (fail closed) and render every channel and language.
 */
async function draftIncident(
  deps: DraftIncidentDeps,
  principal: Principal,
  command: FileIncidentCommand,
): Promise<{ incident: Incident; broadcast: Broadcast }> {
  requireRole(principal, Permissions.fileIncident, 'filing an incident');
  const now = deps.clock.now();
  const expiresAt = Date.parse(command.expiresAt);
  if (!(expiresAt > now.getTime() && expiresAt <= now.getTime() + MAX_EXPIRY_MS)) {
    throw new ValidationError('bad expiry', [
      { path: ['expiresAt'], message: 'must be in the future and within 7 days' },
    ]);
  }

  const createdAt = now.toISOString();
  const incident: Incident = {
    id: deps.ids.next('inc'),
    category: command.category,
    status: command.status,
    severity: command.severity,
    urgency: command.urgency,
    certainty: command.certainty,
    areas: [...new Set(command.areas ?? [])],
    citywide: command.citywide === true,
    languages: [...new Set(command.languages)],
    facts: command.facts,
    expiresAt: new Date(expiresAt).toISOString(),
    createdAt,
    createdBy: principal.id,
    state: 'OPEN',
  };
  const broadcast = await composeBroadcast(deps, {
    id: deps.ids.next('bc'),
    incident,
    kind: 'alert',
    msgType: 'Alert',
    facts: command.facts,
    authorId: principal.id,
    ...(principal.name ? { authorName: principal.name } : {}),
    createdAt,
  });
  return { incident, broadcast };
}
