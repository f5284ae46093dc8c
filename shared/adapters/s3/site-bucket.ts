import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SiteFile } from '../../domain/public-site.js';
import type { PublicSiteStore } from '../../ports/public-site.js';
import { isAwsError, s3Sdk } from '../aws-sdk.js';

/** The object that lists each file's content hash, so a render rewrites only what changed. */
export const HASH_INDEX_KEY = '_herald/site-hashes.json';
/** Puts in flight at once: a full render of the window is a few hundred small objects. */
const PARALLEL_PUTS = 16;

/**
 * The public site in S3, served by CloudFront. Object keys are URL paths without the leading
 * slash (`b/bc_...`, `fr/`), with the content type and cache lifetime as object metadata, so
 * CloudFront serves `/b/{id}` as HTML with no rewriting. `/` and `/fr/` become `index.html` keys.
 */
export class S3SiteStore implements PublicSiteStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async write(files: SiteFile[]): Promise<{ written: number; unchanged: number }> {
    const known = await this.readHashes();
    const changed = files.filter((file) => known[objectKey(file.path)] !== hashOf(file));
    for (let i = 0; i < changed.length; i += PARALLEL_PUTS) {
      await Promise.all(changed.slice(i, i + PARALLEL_PUTS).map((file) => this.put(file)));
    }
    if (changed.length > 0) {
      // Written last: a crash before it leaves hashes that are older, so the next render rewrites more, never less.
      for (const file of changed) known[objectKey(file.path)] = hashOf(file);
      await this.s3.send(
        new (await s3Sdk()).PutObjectCommand({
          Bucket: this.bucket,
          Key: HASH_INDEX_KEY,
          Body: JSON.stringify(known),
          ContentType: 'application/json',
        }),
      );
    }
    return { written: changed.length, unchanged: files.length - changed.length };
  }

  private async put(file: SiteFile): Promise<void> {
    await this.s3.send(
      new (await s3Sdk()).PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey(file.path),
        Body: file.body,
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
      }),
    );
  }

  private async readHashes(): Promise<Record<string, string>> {
    try {
      const result = await this.s3.send(
        new (await s3Sdk()).GetObjectCommand({ Bucket: this.bucket, Key: HASH_INDEX_KEY }),
      );
      const parsed: unknown = JSON.parse((await result.Body?.transformToString()) ?? '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if (isAwsError(error, 'NoSuchKey')) return {};
      throw error;
    }
  }
}

/** `/` -> `index.html`, `/fr/` -> `fr/index.html`, `/b/bc_1` -> `b/bc_1`. */
export function objectKey(path: string): string {
  const key = path.replace(/^\//, '');
  return key === '' || key.endsWith('/') ? `${key}index.html` : key;
}

export function hashOf(file: SiteFile): string {
  return createHash('sha256')
    .update(file.contentType)
    .update('\n')
    .update(file.cacheControl)
    .update('\n')
    .update(file.body)
    .digest('base64url');
}
