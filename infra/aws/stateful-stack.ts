import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Registry } from '../../shared/config/registry-schema.js';
import { allTopics } from '../../shared/domain/topics.js';

export interface StatefulStackProps extends StackProps {
  readonly registry: Registry;
}

/** What must survive a bad deploy: the table and the audience topics. */
export class StatefulStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly topics: Map<string, sns.Topic>;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, 'DataKey', {
      enableKeyRotation: true,
      description: 'Herald table and topics',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: ['gsi1', 'gsi2'].map((name) => ({
        indexName: name,
        partitionKey: { name: `${name}pk`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `${name}sk`, type: dynamodb.AttributeType.STRING },
      })),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.topics = new Map(
      allTopics(props.registry).map((topic) => [
        topic.name,
        new sns.Topic(this, `Topic-${topic.name}`, { topicName: topic.name, masterKey: key }),
      ]),
    );
  }
}
