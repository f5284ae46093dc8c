import { afterAll, inject } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { recordedAwsCalls, recordingAwsCalls } from '../../infra/local/aws-call-recording.js';
import { checkAwsCalls } from '../infra/iam-check.js';

/*
 * vitest setupFile of the flows project (decision D22): once a file's flows have run (this hook,
 * registered first, runs after the file's own afterAll that stops Herald), every AWS call its
 * functions sent is held to their synthesized IAM policies.
 */
afterAll(() => {
  const calls = recordedAwsCalls();
  // A flow file starts Herald and calls it: no record means the recording broke, not a clean pass.
  if (!recordingAwsCalls() || calls.length === 0)
    throw new Error('no AWS call was recorded: HERALD_RECORD_AWS_CALLS=1 (vitest.config.ts) records them');
  const refused = checkAwsCalls(calls, inject('iamModel'), manifest);
  if (refused.length > 0)
    throw new Error(
      `IAM on AWS would refuse calls these flows made (the function's policy in the synthesized templates lacks the grant):\n${refused.join('\n')}`,
    );
});
