import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/**
 * Where SNS writes its SMS delivery-status logs: fixed names, one pair per account and Region
 * (AWS SNS developer guide, "SMS delivery monitoring with CloudWatch metrics and logs").
 * Topic delivery-status logging (per topic) covers HTTP, Lambda, SQS, Firehose and mobile
 * endpoints, not SMS: SMS logging is an account setting (SetSMSAttributes).
 */
export const SMS_DELIVERY_LOG_GROUPS = {
  success: `sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/DirectPublishToPhoneNumber`,
  failure: `sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/DirectPublishToPhoneNumber/Failure`,
} as const;

/**
 * A month: long enough to answer "why did my phone not ring" after an exercise or an alert, short
 * because every line carries the destination phone number (personal data, kept no longer than
 * the diagnosis needs).
 */
export const SMS_DELIVERY_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** The construct id CDK gives the singleton function behind every AwsCustomResource of a stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';

/** Every successful SMS is logged, not a sample: the runbook must find the one that did not ring. */
export const SMS_SUCCESS_SAMPLING_PERCENT = 100;

/**
 * SNS SMS delivery-status logging, set up by the deploy (docs/deploy.md, "Why did my phone not
 * ring"): the two log groups, created here so they have a retention (SNS would create them with
 * none), the role SNS writes them with, and the account's SMS attributes pointing at that role.
 *
 * The attributes are account-level and CloudFormation has no resource for them, so a custom
 * resource calls SNS SetSMSAttributes with these two attributes only (SetSMSAttributes leaves the
 * others, such as the spend limit, as they are) and clears the role when the stack is deleted.
 */
export class SmsDeliveryLogs extends Construct {
  readonly role: iam.Role;
  readonly success: logs.LogGroup;
  readonly failure: logs.LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const group = (name: 'success' | 'failure', logGroupName: string) =>
      new logs.LogGroup(this, name === 'success' ? 'Success' : 'Failure', {
        logGroupName,
        retention: SMS_DELIVERY_LOG_RETENTION,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    this.success = group('success', SMS_DELIVERY_LOG_GROUPS.success);
    this.failure = group('failure', SMS_DELIVERY_LOG_GROUPS.failure);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Herald: SNS writes SMS delivery-status logs',
    });
    // The actions SNS's documented policy names, on these two log groups only (its example: logs:*:*:*).
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.success.logGroupArn, this.failure.logGroupArn],
      }),
    );
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.success.node.defaultChild as logs.CfnLogGroup)}.Arn>:*]`,
      'A log group ARN ends in :* (its streams); this is the SMS success log group only.',
    );

    const attributes = (roleArn: string) => ({
      service: 'SNS',
      action: 'SetSMSAttributes',
      parameters: {
        attributes: {
          DeliveryStatusIAMRole: roleArn,
          DeliveryStatusSuccessSamplingRate: String(SMS_SUCCESS_SAMPLING_PERCENT),
        },
      },
      physicalResourceId: cr.PhysicalResourceId.of('herald-sms-delivery-status-logging'),
    });
    const setting = new cr.AwsCustomResource(this, 'AccountSetting', {
      onUpdate: attributes(this.role.roleArn),
      // Clearing the role must never block a teardown: whatever SNS answers, the stack goes.
      onDelete: { ...attributes(''), ignoreErrorCodesMatching: '.*' },
      // The SDK in the Lambda runtime: no npm download during a deploy.
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // An account-level setting: SNS has no resource type for it.
        new iam.PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [this.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
        }),
      ]),
    });
    setting.node.addDependency(this.role, this.success, this.failure);
    acknowledge(
      setting,
      'AwsSolutions-IAM5[Resource::*]',
      'sns:SetSMSAttributes is an account-level setting with no resource type; iam:PassRole is on the delivery-log role only.',
    );
    // CDK's one function for every AwsCustomResource of the stack, at the stack's root.
    const provider = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER);
    if (!provider) throw new Error('the AwsCustomResource provider was not where CDK puts it');
    acknowledge(
      provider,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's AwsCustomResource provider writes its logs with AWSLambdaBasicExecutionRole. It runs only during a deploy, to set the account's SMS delivery-status attributes.",
    );
  }
}
