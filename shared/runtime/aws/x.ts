import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerStore } from '../../adapters/secrets/secrets-manager-store.js';
import { XPoster } from '../../adapters/x/x-poster.js';
import { providerTimeoutMs } from '../../domain/delivery-policy.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** Posts to X with the account credentials from Secrets Manager (manifest `readXSecrets`). */
export const xPoster: AwsAdapter<Pick<AppContext, 'poster'>> = {
  name: 'xPoster',
  ports: ['poster'],
  build: (env, { settings }) => ({
    poster: new XPoster({
      secrets: new SecretsManagerStore(new SecretsManagerClient({})),
      secretPrefix: required(env, 'xSecretPrefix', 'X credentials (readXSecrets)'),
      timeoutMs: providerTimeoutMs(settings),
    }),
  }),
};
