import * as z from 'zod';
import { lazySchema } from '../../domain/lazy-schema.js';
import { type Resource, ResourceContent, ResourceId } from '../../domain/resource.js';

const SampleLibrary = lazySchema(() =>
  z.strictObject({
    version: z.string().min(1),
    resources: z.array(ResourceContent.extend({ id: ResourceId })),
  }),
);

/**
 * The entries of `raw` (the contents of config/resources.json), each as revision 0. Invalid, it
 * throws naming the path of every bad field.
 */
export function sampleLibraryFrom(raw: unknown, source = 'config/resources.json'): Resource[] {
  const parsed = SampleLibrary.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`${source} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data.resources.map((entry) => ({ ...entry, revision: 0, history: [] }));
}

let loading: Promise<readonly Resource[]> | undefined;

/**
 * The sample resource library that ships with Herald (`config/resources.json`), every entry marked
 * as sample data to verify before use; comms staff's saved entries take the place of these. The
 * file is read (and validated) at the first call, not when this module loads.
 */
export function loadSampleLibrary(): Promise<readonly Resource[]> {
  loading ??= import('../../../config/resources.json', { with: { type: 'json' } }).then((file) =>
    sampleLibraryFrom(file.default),
  );
  return loading;
}
