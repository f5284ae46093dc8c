import { KMSClient } from '@aws-sdk/client-kms';
import { EnvelopeVault } from '../../adapters/crypto/envelope-vault.js';
import { KmsKeyring } from '../../adapters/crypto/kms-keyring.js';
import { ENV } from '../environment.js';
import type { AwsAdapter } from './adapter.js';

/** Seals and indexes subscriber addresses with the KMS subscriber keys (manifest `subscriberKeys`). */
export const subscriberVault: AwsAdapter = {
  name: 'vault',
  build: (env) => {
    const dataKeyId = env[ENV.subscriberDataKeyId];
    const macKeyId = env[ENV.subscriberHmacKeyId];
    if (!dataKeyId || !macKeyId) return {};
    return { vault: new EnvelopeVault(new KmsKeyring(new KMSClient({}), { dataKeyId, macKeyId })) };
  },
};
