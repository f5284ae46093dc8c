import { configDefaults, defineConfig } from 'vitest/config';

/** The flows that start a whole local Herald; their AWS calls are checked against IAM (D22). */
const FLOWS = 'tests/integration/*.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'tests',
          include: ['tests/**/*.test.ts', 'functions/**/*.test.ts'],
          exclude: [...configDefaults.exclude, FLOWS],
        },
      },
      {
        extends: true,
        test: {
          name: 'flows',
          include: [FLOWS],
          // The policies are synthesized once per run, and only when a flow runs.
          globalSetup: ['tests/infra/iam-global-setup.ts'],
          setupFiles: ['tests/support/aws-calls-check.ts'],
          env: { HERALD_RECORD_AWS_CALLS: '1' },
        },
      },
    ],
  },
});
