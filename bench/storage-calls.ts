import { recordedAwsCalls } from '../infra/local/aws-call-recording.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { fanoutClient } from './fanout-broadcast.js';

/**
 * DynamoDB calls per delivery, from approve to the last job done, counted in a runtime of its own
 * with the AWS call record on (HERALD_RECORD_AWS_CALLS, which the integration tests use): the
 * record costs time, so the timed broadcasts never run with it. The second broadcast is counted,
 * so caches a first one fills (the X budget's closed hours) are as in a running system.
 */
export async function storageCallsPerDelivery(options: {
  registryFile: string;
  languages: readonly string[];
}) {
  const previous = process.env.HERALD_RECORD_AWS_CALLS;
  // Read when the runtime builds its ports and by the worker threads it starts (their env is a copy).
  process.env.HERALD_RECORD_AWS_CALLS = '1';
  const runtime = await startLocalRuntime({ port: 0, quiet: true, registryFile: options.registryFile });
  try {
    const client = await fanoutClient(runtime, options.languages);
    await client.broadcast(0);
    await runtime.queues.idle();
    let from = 0;
    let to = 0;
    const { deliveries } = await client.broadcast(1, {
      approving: () => {
        from = recordedAwsCalls().length;
      },
      delivered: async () => {
        await runtime.queues.idle();
        to = recordedAwsCalls().length;
      },
    });
    const calls = recordedAwsCalls()
      .slice(from, to)
      .filter((c) => c.service === 'dynamodb');
    const byCommand: Record<string, number> = {};
    const byFunction: Record<string, number> = {};
    for (const call of calls) {
      byCommand[call.command] = (byCommand[call.command] ?? 0) + 1;
      byFunction[call.fn] = (byFunction[call.fn] ?? 0) + 1;
    }
    return {
      deliveries,
      calls: calls.length,
      perDelivery: Math.round((calls.length / deliveries) * 100) / 100,
      byCommand,
      byFunction,
    };
  } finally {
    await runtime.stop();
    if (previous === undefined) delete process.env.HERALD_RECORD_AWS_CALLS;
    else process.env.HERALD_RECORD_AWS_CALLS = previous;
  }
}
