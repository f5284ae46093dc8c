import * as z from 'zod';
import libraryJson from '../../../config/resources.json' with { type: 'json' };
import { type Resource, ResourceContent, ResourceId } from '../../domain/resource.js';

const SampleLibrary = z.strictObject({
  version: z.string().min(1),
  resources: z.array(ResourceContent.extend({ id: ResourceId })),
});

/**
 * The sample resource library that ships with Herald (`config/resources.json`), every entry marked
 * as sample data to verify before use. Comms staff's saved entries take the place of these.
 */
export function sampleLibrary(raw: unknown = libraryJson): Resource[] {
  const parsed = SampleLibrary.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`config/resources.json is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data.resources.map((entry) => ({ ...entry, revision: 0, history: [] }));
}
