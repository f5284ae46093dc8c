import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The README's walk-through is scripts/walkthrough.sh from `set -euo pipefail` on, so they cannot drift. */
const script = readFileSync('scripts/walkthrough.sh', 'utf8');
const readme = readFileSync('README.md', 'utf8');

describe('the README walk-through', () => {
  it('shows the script, from set -euo pipefail to its last line, verbatim', () => {
    const section = readme.slice(readme.indexOf('## Walk-through (curl)'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];

    expect(block).toBe(script.slice(script.indexOf('set -euo pipefail')));
  });

  it('is a script bash can parse', () => {
    const parsed = spawnSync('bash', ['-n', 'scripts/walkthrough.sh'], { encoding: 'utf8' });

    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });
});
