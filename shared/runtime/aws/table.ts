import { documentClientAtFirstSend } from '../../adapters/dynamo/table-calls.js';
import type { TablePort } from '../table-ports.js';
import { type AwsAdapter, tableName } from './adapter.js';

/** The ports of a list of table ports: `[broadcastRepository]` gives `{ broadcasts: ... }`. */
export type TablePortsOf<R extends readonly TablePort[]> = {
  [T in R[number] as T['port']]: ReturnType<T['build']>;
};

/**
 * The table adapter, for every function with table access: one client on the function's table,
 * and the repositories it names (shared/runtime/table-ports.ts), as in
 * `awsContext(table(broadcastRepository, deliveryLedger), sqsQueue)`. Only the named repositories
 * are imported from the handler, so only they are bundled, and only their ports are in its
 * context. A function limited to subscriber items names only the subscriber repositories
 * (tests/unit/runtime holds each declaration to the manifest).
 */
export function table<const R extends readonly [TablePort, ...TablePort[]]>(
  ...repositories: R
): AwsAdapter<TablePortsOf<R>> {
  return {
    name: 'table',
    ports: repositories.map((repository) => repository.port),
    build: (env, base) => {
      const name = tableName(env);
      const db = documentClientAtFirstSend();
      return Object.fromEntries(
        repositories.map((repository) => [repository.port, repository.build(db, name, base)]),
      ) as TablePortsOf<R>;
    },
  };
}
