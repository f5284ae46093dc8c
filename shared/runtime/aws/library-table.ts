import { createDocumentClient } from '../../adapters/dynamo/table.js';
import { tablePorts } from '../table-ports.js';
import { type AwsAdapter, tableName } from './adapter.js';

/** Every repository kept in the table, the template and resource library included. */
export const table: AwsAdapter = {
  name: 'table',
  build: (env, { registry, clock }) => tablePorts(createDocumentClient(), tableName(env), registry, clock),
};
