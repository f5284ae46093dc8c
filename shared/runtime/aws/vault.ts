import { clientAtFirstSend, kmsSdk } from '../../adapters/aws-sdk.js';
import { EnvelopeVault } from '../../adapters/crypto/envelope-vault.js';
import { KmsKeyring } from '../../adapters/crypto/kms-keyring.js';
import type { AppContext } from '../context.js';
import { type AwsAdapter, required } from './adapter.js';

/** Seals and indexes subscriber addresses with the KMS subscriber keys (manifest `subscriberKeys`). */
export const subscriberVault: AwsAdapter<Pick<AppContext, 'vault'>> = {
  name: 'vault',
  ports: ['vault'],
  build: (env) => {
    const dataKeyId = required(env, 'subscriberDataKeyId', 'subscriber keys (subscriberKeys)');
    const macKeyId = required(env, 'subscriberHmacKeyId', 'subscriber keys (subscriberKeys)');
    const client = clientAtFirstSend(async () => new (await kmsSdk()).KMSClient({}));
    return { vault: new EnvelopeVault(new KmsKeyring(client, { dataKeyId, macKeyId })) };
  },
};
