import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDefinition, QueueName } from '../../functions/manifest-types.js';
import { QUEUE_URL_ENV } from '../../shared/runtime/environment.js';
import { acknowledge } from './nag.js';

export { QUEUE_URL_ENV };

export const QUEUE_NAMES = Object.keys(QUEUE_URL_ENV) as QueueName[];

/** SQS's advice (QUOTAS.md): visibility at least 6x the consumer's timeout. */
export const VISIBILITY_FACTOR = 6;
/** Receives before a message goes to the dead-letter queue. The use cases retry on their own. */
export const MAX_RECEIVES = 5;

export interface HeraldQueue {
  queue: sqs.Queue;
  deadLetters: sqs.Queue;
}

/** One queue and one dead-letter queue per queue name, sized by the manifest's consumer. */
export class HeraldQueues extends Construct {
  readonly byName: Map<QueueName, HeraldQueue>;

  constructor(scope: Construct, id: string, manifest: readonly FunctionDefinition[]) {
    super(scope, id);
    this.byName = new Map(
      QUEUE_NAMES.map((name) => {
        const consumer = manifest.find((f) => f.trigger.kind === 'queue' && f.trigger.queue === name);
        const deadLetters = new sqs.Queue(this, `${name}-dlq`, {
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        });
        acknowledge(
          deadLetters,
          'AwsSolutions-SQS3',
          'This is the dead-letter queue: its messages wait for an operator (alarm on depth > 0), they are not redriven automatically.',
        );
        const queue = new sqs.Queue(this, name, {
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          visibilityTimeout: Duration.seconds(VISIBILITY_FACTOR * (consumer?.timeoutSeconds ?? 30)),
          retentionPeriod: Duration.days(4),
          deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
        });
        return [name, { queue, deadLetters }];
      }),
    );
  }

  get(name: QueueName): HeraldQueue {
    const found = this.byName.get(name);
    if (!found) throw new Error(`no queue ${name}`);
    return found;
  }
}
