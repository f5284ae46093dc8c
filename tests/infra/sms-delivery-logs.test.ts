import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { build, render } from './templates.js';

/**
 * The first exercise that reaches a phone must be provable (docs/deploy.md, "Why did my phone not
 * ring"): SNS writes a delivery-status line for every SMS, into log groups with a retention, with
 * a role that may write there only.
 */
type Json = Record<string, any>;
let built: ReturnType<typeof build>;
let resources: Record<string, Json>;
beforeAll(() => {
  built = build(manifest);
  resources = built.statelessTemplate.toJSON().Resources;
});
const idOf = (element: CfnElement) => built.stateless.getLogicalId(element);

describe('SNS SMS delivery-status logging', () => {
  it('has the two log groups SNS writes to, by their fixed names, kept one month', () => {
    const { success, failure } = built.stateless.smsDeliveryLogs;
    const group = (element: CfnElement) => resources[idOf(element)];
    expect(render(group(success.node.defaultChild as CfnElement)?.Properties.LogGroupName)).toBe(
      'sns/<AWS::Region>/<AWS::AccountId>/DirectPublishToPhoneNumber',
    );
    expect(render(group(failure.node.defaultChild as CfnElement)?.Properties.LogGroupName)).toBe(
      'sns/<AWS::Region>/<AWS::AccountId>/DirectPublishToPhoneNumber/Failure',
    );
    for (const g of [success, failure]) {
      expect(group(g.node.defaultChild as CfnElement)?.Properties.RetentionInDays).toBe(30);
      expect(group(g.node.defaultChild as CfnElement)?.DeletionPolicy).toBe('Delete');
    }
  });

  it('gives SNS, from this account only, a role that writes those two log groups and nothing else', () => {
    const { role, success, failure } = built.stateless.smsDeliveryLogs;
    const roleId = idOf(role.node.defaultChild as CfnElement);
    expect(resources[roleId]?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = Object.values(resources)
      .filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
      )
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.flatMap((st) => st.Resource)).toHaveLength(2);
    expect(statements).toEqual([
      {
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        // In either order (IAM's policy minimizing sorts them).
        Resource: expect.arrayContaining([
          { 'Fn::GetAtt': [idOf(success.node.defaultChild as CfnElement), 'Arn'] },
          { 'Fn::GetAtt': [idOf(failure.node.defaultChild as CfnElement), 'Arn'] },
        ]),
      },
    ]);
  });

  it("sets the account's SMS attributes to that role and every success, and clears the role on delete", () => {
    const [setting] = Object.values(resources).filter((r) => r.Type === 'Custom::AWS');
    const roleId = idOf(built.stateless.smsDeliveryLogs.role.node.defaultChild as CfnElement);
    const call = (field: 'Create' | 'Update' | 'Delete') => {
      const value = setting?.Properties[field];
      // The role ARN is a GetAtt inside the JSON string; render it as <Role.Arn>.
      return JSON.parse(typeof value === 'string' ? value : render(value));
    };
    for (const field of ['Create', 'Update'] as const) {
      expect(call(field)).toMatchObject({
        service: 'SNS',
        action: 'SetSMSAttributes',
        parameters: {
          attributes: { DeliveryStatusIAMRole: `<${roleId}.Arn>`, DeliveryStatusSuccessSamplingRate: '100' },
        },
      });
    }
    expect(call('Delete').parameters.attributes.DeliveryStatusIAMRole).toBe('');
    expect(setting?.Properties.InstallLatestAwsSdk).toBe(false);
    // Its function may set SMS attributes and pass that one role to SNS, nothing more.
    const policy = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.PolicyName).includes('CustomResourcePolicy'),
    );
    expect(policy?.Properties.PolicyDocument.Statement).toEqual([
      { Action: 'sns:SetSMSAttributes', Effect: 'Allow', Resource: '*' },
      {
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [roleId, 'Arn'] },
      },
    ]);
  });
});
