import { DynamoResourceRepository } from '../adapters/dynamo/resource-repository.js';
import { DynamoTemplateRepository } from '../adapters/dynamo/template-repository.js';
import { loadSampleLibrary } from '../adapters/resources/sample-library.js';
import { loadBuiltinTemplates } from '../adapters/templates/builtin-templates.js';
import type { TablePort } from './table-ports.js';

/*
 * The template and resource library's ports, in a module of their own rather than in
 * table-ports.ts: the modules they import build zod schemas when they load (the domain's template
 * and resource schemas, the shipped files' schemas), which would otherwise load, and be bundled,
 * in every function that names any table port.
 */

/** Templates over the ones Herald ships, which are read at the first read that needs one. */
export const templateRepository: TablePort<'templates'> = {
  port: 'templates',
  build: (db, table) => new DynamoTemplateRepository(db, table, loadBuiltinTemplates),
};

/** The resource library over the sample one Herald ships, read at the first read that needs it. */
export const resourceRepository: TablePort<'resources'> = {
  port: 'resources',
  build: (db, table) => new DynamoResourceRepository(db, table, loadSampleLibrary),
};
