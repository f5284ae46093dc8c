import { fileURLToPath } from 'node:url';
import { loadSampleLibrary } from '../../shared/adapters/resources/sample-library.js';
import { builtinTemplates } from '../../shared/adapters/templates/builtin-templates.js';
import { loadRegistry } from '../../shared/config/load-registry.js';
import type { Principal } from '../../shared/domain/principal.js';
import type { ResourceRepository } from '../../shared/ports/resources.js';
import type { XPostBudget } from '../../shared/ports/x-budget.js';
import { randomIds } from '../../shared/runtime/system.js';
import type { FileIncidentCommand } from '../../shared/use-cases/file-incident.js';
import { MemoryBroadcastRepository, MemoryIncidentRepository } from './memory-repositories.js';
import { capturingLogger, ManualClock, RecordingWarmer } from './recording-ports.js';

/**
 * The ports the filing, approval-queue and history use cases need, all in memory: the sample
 * registry, the templates and resource library Herald ships, an X budget nobody has used, and the
 * in-memory repositories. Fresh for each call, so tests share nothing.
 */

export const registry = loadRegistry(fileURLToPath(new URL('../../config/registry.json', import.meta.url)));

const sampleLibrary: ResourceRepository = {
  list: async () => [...(await loadSampleLibrary())],
  get: async (id) => (await loadSampleLibrary()).find((r) => r.id === id),
  save: async () => {
    throw new Error('the sample library is read-only in these tests');
  },
};

const unusedBudget: XPostBudget = {
  reserve: async () => ({ granted: true, usedPercent: 0 }),
  usage: async () => ({ limit: 10_000, hours: [] }),
};

export function memoryEngine() {
  return {
    registry,
    templates: builtinTemplates,
    resources: sampleLibrary,
    xBudget: unusedBudget,
    incidents: new MemoryIncidentRepository(),
    broadcasts: new MemoryBroadcastRepository(),
    clock: new ManualClock(),
    ids: randomIds,
    warmer: new RecordingWarmer(),
    ...capturingLogger(),
  };
}

export type MemoryEngine = ReturnType<typeof memoryEngine>;

export const inspectorAda: Principal = { id: 'inspector.ada', roles: ['inspector'] };
export const inspectorBen: Principal = { id: 'inspector.ben', roles: ['inspector'] };
export const commsChloe: Principal = { id: 'comms.chloe', roles: ['comms'] };
export const adminDev: Principal = { id: 'admin.dev', roles: ['admin'] };

/** A two-division weapons call in English and French, six hours from the engine's clock. */
export function weaponsCall(
  engine: MemoryEngine,
  overrides: Partial<FileIncidentCommand> = {},
): FileIncidentCommand {
  return {
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14', '51'],
    languages: ['en', 'fr'],
    facts: {
      location: 'Queen St W and Bathurst St',
      time: '21:40',
      description: { en: 'Suspect fled on foot northbound.', fr: 'Suspect en fuite à pied vers le nord.' },
    },
    expiresAt: new Date(engine.clock.now().getTime() + 6 * 3600_000).toISOString(),
    ...overrides,
  };
}
