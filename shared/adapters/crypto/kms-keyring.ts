import type { KMSClient } from '@aws-sdk/client-kms';
import { kmsSdk } from '../aws-sdk.js';
import type { Keyring } from './envelope-vault.js';

/** Subscriber keys in KMS: a symmetric key wraps data keys, an HMAC_256 key makes keyed hashes. */
export class KmsKeyring implements Keyring {
  constructor(
    private readonly kms: KMSClient,
    private readonly keys: { dataKeyId: string; macKeyId: string },
  ) {}

  async newDataKey() {
    const out = await this.kms.send(
      new (await kmsSdk()).GenerateDataKeyCommand({ KeyId: this.keys.dataKeyId, KeySpec: 'AES_256' }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
  }

  async unwrap(wrapped: Buffer) {
    const out = await this.kms.send(
      new (await kmsSdk()).DecryptCommand({ CiphertextBlob: wrapped, KeyId: this.keys.dataKeyId }),
    );
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(out.Plaintext);
  }

  async mac(message: Buffer) {
    const out = await this.kms.send(
      new (await kmsSdk()).GenerateMacCommand({
        KeyId: this.keys.macKeyId,
        Message: message,
        MacAlgorithm: 'HMAC_SHA_256',
      }),
    );
    if (!out.Mac) throw new Error('KMS returned no MAC');
    return Buffer.from(out.Mac);
  }
}
