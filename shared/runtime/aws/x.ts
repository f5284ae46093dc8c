import { clientAtFirstSend, secretsSdk } from '../../adapters/aws-sdk.js';
import { SecretsManagerStore } from '../../adapters/secrets/secrets-manager-store.js';
import { XPoster } from '../../adapters/x/x-poster.js';
import { providerTimeoutMs } from '../../domain/delivery-policy.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** Posts to X with the account credentials from Secrets Manager (manifest `readXSecrets`). */
export const xPoster: AwsAdapter<Pick<AppContext, 'poster'>> = {
  name: 'xPoster',
  ports: ['poster'],
  build: (env, { settings }) => {
    const secretPrefix = required(env, 'xSecretPrefix', 'X credentials (readXSecrets)');
    const client = clientAtFirstSend(async () => new (await secretsSdk()).SecretsManagerClient({}));
    return {
      poster: new XPoster({
        secrets: new SecretsManagerStore(client),
        secretPrefix,
        timeoutMs: providerTimeoutMs(settings),
      }),
    };
  },
};
