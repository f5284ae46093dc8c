import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from '../../shared/adapters/dynamo/table.js';

export interface TestTable {
  db: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  /** Creates another empty table on the same server, for tests that must not see each other's items. */
  freshTable(): Promise<string>;
  close(): Promise<void>;
}

/** An in-memory dynalite with Herald's table, reached by the real SDK over HTTP on 127.0.0.1. */
export async function startTestTable(tableName = 'herald-test'): Promise<TestTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let count = 0;
  return {
    db,
    tableName,
    endpoint,
    freshTable: async () => {
      count += 1;
      const name = `${tableName}-${count}`;
      await ensureTable(client, name);
      return name;
    },
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
