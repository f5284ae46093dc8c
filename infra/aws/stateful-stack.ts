// Over 250 lines: every stateful resource of one stack (table, keys, secrets, user pool, topics), each a short block read in order.
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { PURGE_AT_ATTRIBUTE } from '../../shared/adapters/dynamo/keys.js';
import { DEFAULT_X_SECRET_PREFIX, xSecretName } from '../../shared/adapters/x/x-accounts.js';
import type { Registry } from '../../shared/domain/registry.js';
import { allTopics } from '../../shared/domain/topics.js';
import { StaffRole } from '../../shared/domain/vocabulary.js';
import { DEFAULT_SIGN_IN_DOMAIN_PREFIX } from './console-sign-in.js';
import { acknowledge } from './nag.js';
import { siteBucketName } from './public-site.js';

export interface StatefulStackProps extends StackProps {
  readonly registry: Registry;
  /**
   * Fixed, like the topic names: the stateless stack addresses the table by name, so its grants
   * name the exact ARNs and no export ties the two stacks together. One deployment per account
   * and region unless this (and the topic names) change.
   */
  readonly tableName?: string;
  /**
   * Leave the table out of the template for one deploy: CloudFormation lets go of it (it is
   * retained, with its data) so `cdk import` can adopt a restored table under the same logical id
   * (docs/deploy.md, "Restoring the table").
   */
  readonly detachTable?: boolean;
  /** The hosted sign-in's Cognito domain prefix (`-c staffSignInDomainPrefix=...`, docs/deploy.md). */
  readonly staffSignInDomainPrefix?: string;
}

export const GLOBAL_INDEXES = ['gsi1', 'gsi2'];
/** The table's name unless the context gives another (`-c tableName=...`, after a restore). */
export const DEFAULT_TABLE_NAME = 'herald';

/**
 * What must survive a bad deploy or a deleted stateless stack: the table, the audience topics, the
 * X credentials, the keys, the staff directory, the site bucket. Those are retained on stack
 * deletion; the ops topic, the topics' TLS-only policies, the user pool's groups, API client and
 * sign-in domain are not (docs/deploy.md, "Teardown", held to this by tests/infra/deployment.test.ts).
 */
export class StatefulStack extends Stack {
  /** Absent only while detached for a restore (`detachTable`); functions address it by name. */
  readonly table?: dynamodb.Table;
  readonly tableName: string;
  readonly tableKey: kms.Key;
  /** Audience topics by name (`area-14-en`, `exercise-citywide-fr`, ...). */
  readonly topics: Map<string, sns.Topic>;
  /** The X credentials secret of each registry account, by account id. */
  readonly xSecrets: Map<string, secretsmanager.Secret>;
  readonly xSecretPrefix = DEFAULT_X_SECRET_PREFIX;
  /** Wraps the data keys that encrypt subscriber addresses (envelope encryption). */
  readonly subscriberDataKey: kms.Key;
  /** Keyed hash of subscriber addresses, so they can be looked up without being stored in clear. */
  readonly subscriberHmacKey: kms.Key;
  readonly userPool: cognito.UserPool;
  readonly staffClient: cognito.UserPoolClient;
  /** The prefix of the pool's hosted sign-in domain, which the console's client signs in through. */
  readonly staffSignInDomainPrefix: string;
  /** Alarms publish here; operators subscribe their pager or e-mail (docs/deploy.md). */
  readonly opsTopic: sns.Topic;
  /** The rendered public site (pages, feeds, CAP documents); private, read only through CloudFront. */
  readonly publicSiteBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { registry } = props;

    // One key per purpose: a function allowed to publish to topics gets no use of the table's key.
    this.tableKey = new kms.Key(this, 'DataKey', {
      enableKeyRotation: true,
      description: 'Herald table',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const tableKey = this.tableKey;
    const topicKey = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Herald audience topics',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // `Table`, not `TableV2`: TableV2 with a customer-managed key needs a concrete region at synth
    // (its replica key map), and the stacks stay environment-agnostic so synth runs offline.
    this.tableName = props.tableName ?? DEFAULT_TABLE_NAME;
    if (!props.detachTable) this.table = this.createTable(tableKey);

    this.topics = new Map(
      allTopics(registry).map((topic) => {
        const created = new sns.Topic(this, `Topic-${topic.name}`, {
          topicName: topic.name,
          masterKey: topicKey,
          enforceSSL: true,
        });
        // The public's subscriptions live on these topics: deleting the stack must not drop them.
        created.applyRemovalPolicy(RemovalPolicy.RETAIN);
        return [topic.name, created];
      }),
    );

    this.xSecrets = new Map(
      registry.accounts.map((account) => {
        const secret = new secretsmanager.Secret(this, `XSecret-${account.id}`, {
          secretName: xSecretName(account.id, this.xSecretPrefix),
          description: `X OAuth 1.0a user credentials of @${account.handle} (${account.name})`,
          // A random placeholder, generated once: CloudFormation never rewrites it, so credentials
          // loaded with put-secret-value survive every deploy. Until then the X worker reads it as
          // "malformed credentials" and fails that account's deliveries without posting.
          generateSecretString: {
            secretStringTemplate: JSON.stringify({ placeholder: 'load with docs/deploy.md' }),
            generateStringKey: 'unused',
          },
          removalPolicy: RemovalPolicy.RETAIN,
        });
        acknowledge(
          secret,
          'AwsSolutions-SMG4',
          'X user access tokens are issued by X, not by AWS: rotation is regenerating them in the X developer portal and loading them again (docs/deploy.md), which a rotation Lambda cannot do.',
        );
        return [account.id, secret];
      }),
    );

    this.subscriberDataKey = new kms.Key(this, 'SubscriberDataKey', {
      enableKeyRotation: true,
      description: 'Herald subscriber addresses (wraps per-record data keys)',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.subscriberHmacKey = new kms.Key(this, 'SubscriberHmacKey', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      description: 'Herald subscriber lookups (keyed hash of normalized addresses)',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.subscriberHmacKey,
      'AwsSolutions-KMS5',
      'KMS rotates only symmetric encryption keys automatically; an HMAC key cannot rotate, and rotating it by hand would orphan every stored lookup hash.',
    );

    this.staffSignInDomainPrefix = props.staffSignInDomainPrefix ?? DEFAULT_SIGN_IN_DOMAIN_PREFIX;
    ({ userPool: this.userPool, client: this.staffClient } = this.staffDirectory());

    const opsKey = new kms.Key(this, 'OpsTopicKey', {
      enableKeyRotation: true,
      description: 'Herald ops alarms topic',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish as the service: it needs the key to encrypt into the topic.
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.opsTopic = new sns.Topic(this, 'OpsAlarms', { masterKey: opsKey, enforceSSL: true });
    this.publicSiteBucket = this.publicSite();
  }

  /** The one table: a customer-managed key, point-in-time recovery, deletion protection, retained. */
  private createTable(tableKey: kms.Key): dynamodb.Table {
    const table = new dynamodb.Table(this, 'Table', {
      tableName: this.tableName,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: tableKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Rate-limit windows (one per second of SNS subscribing, one per hour per client) go away.
      timeToLiveAttribute: PURGE_AT_ATTRIBUTE,
    });
    for (const name of GLOBAL_INDEXES) {
      table.addGlobalSecondaryIndex({
        indexName: name,
        partitionKey: { name: `${name}pk`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `${name}sk`, type: dynamodb.AttributeType.STRING },
      });
    }
    return table;
  }

  /**
   * The rendered public site. Private: only CloudFront reads it, through origin access control, and
   * only the public-site function writes it. Its policy (TLS only, CloudFront's read) is in the
   * stateless stack with the distribution it names (infra/aws/public-site.ts); it is imported
   * there by this fixed name, so no export ties the stacks.
   */
  private publicSite(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'PublicSite', {
      bucketName: siteBucketName(this),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // S3-managed keys: every object is a public page, feed or CAP document, so a customer key
      // would protect nothing from anyone, and CloudFront reads SSE-S3 objects with no key policy.
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Every page a post or SMS linked to stays recoverable; a bad render can be rolled back.
      versioned: true,
      lifecycleRules: [
        // Each render that changes a page leaves the old one as a noncurrent version.
        {
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      bucket,
      'AwsSolutions-S1',
      "No server access logs: the only reader is CloudFront and the only writer the public-site function (its own log group); the log would list CloudFront's fetches and need a bucket of its own. CloudTrail data events can be turned on for an investigation.",
    );
    acknowledge(
      bucket,
      'AwsSolutions-S10',
      "TLS is required by the bucket's policy, which lives in the stateless stack beside the distribution it names (a bucket has one policy; infra/aws/public-site.ts, tested in tests/infra/public-site.test.ts).",
    );
    return bucket;
  }

  /** Staff sign in with Cognito; their groups are the roles the use cases check. */
  private staffDirectory(): { userPool: cognito.UserPool; client: cognito.UserPoolClient } {
    const userPool = new cognito.UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false } },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, risky sign-ins) needs the Plus plan; a few
      // dozen staff users cost little.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      userPool,
      'AwsSolutions-COG2',
      'MFA (TOTP) is available to every staff user and optional until the staff UI handles the MFA_SETUP challenge at first sign-in; docs/deploy.md says how to make it required.',
    );
    // The group names are the roles the handlers read from `cognito:groups`.
    for (const role of StaffRole.options) {
      userPool.addGroup(`Group-${role}`, { groupName: role, description: `Herald ${role} role` });
    }
    // The hosted sign-in the duty console sends staff to (its client is in the stateless stack,
    // console-sign-in.ts). A Cognito prefix domain: no certificate or DNS to manage.
    userPool.addDomain('StaffSignIn', { cognitoDomain: { domainPrefix: this.staffSignInDomainPrefix } });
    const client = userPool.addClient('StaffUi', {
      // SRP for the staff UI; password auth so an operator can get a token with the AWS CLI until
      // that UI exists (docs/deploy.md). Both go to Cognito over TLS and pass threat protection.
      authFlows: { userSrp: true, userPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    return { userPool, client };
  }
}
