import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/staff-token.sh against a stand-in `aws` on the PATH that answers as Cognito's
 * initiate-auth and respond-to-auth-challenge do (as the CLI prints them with the helper's
 * `--query ... --output text`), and records each call's arguments and standard input.
 */

const CLIENT = '1example23clientid';
const PASSWORD = 'Temp"orary\\1,x';

/** Runs `staff_token user` with the stand-in answering `answers` in turn; returns what happened. */
function signIn(user: string, answers: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-staff-token-'));
  const log = join(dir, 'calls.log');
  writeFileSync(join(dir, 'answers'), `${answers.join('\n')}\n`);
  writeFileSync(
    join(dir, 'aws'),
    `#!/usr/bin/env bash
n=$( [ -f "${log}" ] && wc -l < "${log}" || echo 0 )
for arg; do [[ $arg == file://* ]] && input=$(cat "\${arg#file://}"); done
printf '%s\\t%s\\n' "$*" "$input" >> "${log}"
sed -n "$((n + 1))p" "${dir}/answers"
`,
  );
  chmodSync(join(dir, 'aws'), 0o755);
  const script = `source docs/staff-token.sh && staff_token "$0"`;
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', script, user], {
    encoding: 'utf8',
    env: {
      HOME: dir,
      TMPDIR: dir,
      PATH: `${dir}:${process.env.PATH}`,
      HERALD_STAFF_CLIENT_ID: CLIENT,
      STAFF_PASSWORD: PASSWORD,
      ...env,
    },
  });
  const calls = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [args = '', input = ''] = line.split('\t');
      return { args, input: JSON.parse(input) };
    });
  const leftOver = readdirSync(dir).filter((name) => name.startsWith('staff-token.'));
  return { ...run, calls, leftOver };
}

describe('the staff sign-in helper (docs/staff-token.sh)', () => {
  it('prints the id token of a user who signs in with a password', () => {
    const run = signIn('ada.okafor', ['None\tNone\teyJhbGciOi.id.token\tNone']);

    expect(run.status).toBe(0);
    expect(run.stdout).toBe('eyJhbGciOi.id.token\n');
    expect(run.calls).toEqual([
      {
        args: expect.stringMatching(
          /^cognito-idp initiate-auth --cli-input-json file:\/\/\S+staff-token\.\w+ /,
        ),
        input: {
          ClientId: CLIENT,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'ada.okafor', PASSWORD },
        },
      },
    ]);
  });

  it('on a first sign-in sets the new password, then answers the code, each with the session it was given', () => {
    const run = signIn(
      'ada@police.example.org',
      [
        'NEW_PASSWORD_REQUIRED\tsession-one\tNone\tada-okafor',
        'SOFTWARE_TOKEN_MFA\tsession-two\tNone\tada-okafor',
        'None\tNone\teyJhbGciOi.first.token\tNone',
      ],
      { STAFF_NEW_PASSWORD: 'A-new "long" passphrase', STAFF_MFA_CODE: '123456' },
    );

    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('eyJhbGciOi.first.token\n');
    expect(run.calls.map((c) => c.input)).toEqual([
      expect.objectContaining({ AuthFlow: 'USER_PASSWORD_AUTH' }),
      {
        ClientId: CLIENT,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: 'session-one',
        // The pool's own user name, not the address typed to sign in.
        ChallengeResponses: { USERNAME: 'ada-okafor', NEW_PASSWORD: 'A-new "long" passphrase' },
      },
      {
        ClientId: CLIENT,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: 'session-two',
        ChallengeResponses: { USERNAME: 'ada-okafor', SOFTWARE_TOKEN_MFA_CODE: '123456' },
      },
    ]);
    expect(run.calls.map((c) => c.args.split(' ')[1])).toEqual([
      'initiate-auth',
      'respond-to-auth-challenge',
      'respond-to-auth-challenge',
    ]);
  });

  it('never puts a password on the aws command line, and leaves no input file behind', () => {
    const run = signIn('ada.okafor', ['NEW_PASSWORD_REQUIRED\ts\tNone\tada', 'None\tNone\ttoken\tNone'], {
      STAFF_NEW_PASSWORD: 'Second-secret-9',
    });

    expect(run.status).toBe(0);
    for (const { args } of run.calls) {
      expect(args).not.toContain('orary');
      expect(args).not.toContain('Second-secret-9');
    }
    expect(run.calls).toHaveLength(2);
    expect(run.leftOver).toEqual([]);
  });

  it('stops with a reason on a challenge it does not answer, printing no token', () => {
    const run = signIn('ada.okafor', ['MFA_SETUP\tsession-one\tNone\tada']);

    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Cognito asks for MFA_SETUP/);
  });

  it('is a script bash can parse', () => {
    const parsed = spawnSync('bash', ['-n', 'docs/staff-token.sh'], { encoding: 'utf8' });

    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });
});
