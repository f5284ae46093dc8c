import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type BaseMatcher } from 'aws-sdk-client-mock-vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HASH_INDEX_KEY, hashOf, objectKey, S3SiteStore } from '../../../shared/adapters/s3/site-bucket.js';
import type { SiteFile } from '../../../shared/domain/public-site.js';

expect.extend(allCustomMatcher);

declare module 'vitest' {
  interface Matchers<T = any> extends BaseMatcher<T> {}
}

const BUCKET = 'herald-site-111122223333-ca-central-1';
const HTML = 'text/html; charset=utf-8';
const PAGE_CACHE = 'public, max-age=30, stale-while-revalidate=30, stale-if-error=86400';

const s3 = mockClient(S3Client);
const store = () => new S3SiteStore(new S3Client({ region: 'ca-central-1' }), BUCKET);

/** The bucket as the mock holds it: the last body put under each key. */
let objects: Map<string, string>;

const noSuchKey = () => new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });

beforeEach(() => {
  objects = new Map();
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const body = objects.get(input.Key);
    if (body === undefined) throw noSuchKey();
    return { Body: { transformToString: async () => body } };
  });
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: string }) => {
    objects.set(input.Key, input.Body);
    return {};
  });
});
afterEach(() => {
  s3.reset();
});

const page = (path: string, body: string, cacheControl = PAGE_CACHE): SiteFile => ({
  path,
  body,
  contentType: HTML,
  cacheControl,
});
const putKeys = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);

describe('S3SiteStore', () => {
  it('keys objects by URL path without the leading slash; a path ending in / is its index.html', async () => {
    await store().write([page('/', 'front'), page('/fr/', 'accueil'), page('/b/bc_1', 'alert')]);
    expect(putKeys()).toEqual(['index.html', 'fr/index.html', 'b/bc_1', HASH_INDEX_KEY]);
    expect(['/', '/fr/', '/b/bc_1', '/divisions/14', '/cap/bc_1.xml'].map(objectKey)).toEqual([
      'index.html',
      'fr/index.html',
      'b/bc_1',
      'divisions/14',
      'cap/bc_1.xml',
    ]);
  });

  it('sends each file with its content type and cache lifetime as object metadata, in the named bucket', async () => {
    const feed: SiteFile = {
      path: '/feeds/alerts.en.atom',
      body: '<feed/>',
      contentType: 'application/atom+xml; charset=utf-8',
      cacheControl: 'public, max-age=30',
    };
    await store().write([page('/b/bc_1', '<html>alert</html>'), feed]);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: 'b/bc_1',
      Body: '<html>alert</html>',
      ContentType: HTML,
      CacheControl: PAGE_CACHE,
    });
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: 'feeds/alerts.en.atom',
      ContentType: 'application/atom+xml; charset=utf-8',
      CacheControl: 'public, max-age=30',
    });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: HASH_INDEX_KEY });
  });

  it('writes the hash index last, once, with the hash of every file written', async () => {
    const files = [page('/', 'front'), page('/b/bc_1', 'alert')];
    const result = await store().write(files);
    expect(result).toEqual({ written: 2, unchanged: 0 });
    expect(putKeys().at(-1)).toBe(HASH_INDEX_KEY);
    expect(putKeys().filter((k) => k === HASH_INDEX_KEY)).toHaveLength(1);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: HASH_INDEX_KEY,
      ContentType: 'application/json',
    });
    expect(JSON.parse(objects.get(HASH_INDEX_KEY) ?? '{}')).toEqual({
      'index.html': hashOf(files[0] as SiteFile),
      'b/bc_1': hashOf(files[1] as SiteFile),
    });
  });

  it('writes only the files whose content, type or lifetime changed since the index', async () => {
    await store().write([page('/', 'front'), page('/b/bc_1', 'alert'), page('/b/bc_2', 'other')]);
    s3.resetHistory();
    const result = await store().write([
      page('/', 'front'),
      page('/b/bc_1', 'alert, updated'),
      page('/b/bc_2', 'other', 'public, max-age=3600'),
    ]);
    expect(result).toEqual({ written: 2, unchanged: 1 });
    expect(putKeys()).toEqual(['b/bc_1', 'b/bc_2', HASH_INDEX_KEY]);
    // Hashes of files not in this render stay in the index.
    await store().write([page('/fr/', 'accueil')]);
    expect(Object.keys(JSON.parse(objects.get(HASH_INDEX_KEY) ?? '{}')).sort()).toEqual(
      ['b/bc_1', 'b/bc_2', 'fr/index.html', 'index.html'].sort(),
    );
  });

  it('sends nothing but the index read when nothing changed', async () => {
    const files = [page('/', 'front'), page('/b/bc_1', 'alert')];
    await store().write(files);
    s3.resetHistory();
    expect(await store().write(files)).toEqual({ written: 0, unchanged: 2 });
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 0);
  });

  it('a put that fails leaves the index as it was, so the next render writes those files again', async () => {
    await store().write([page('/', 'front')]);
    const before = objects.get(HASH_INDEX_KEY);
    let failed = false;
    s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: string }) => {
      if (input.Key === 'b/bc_1' && !failed) {
        failed = true;
        throw new Error('SlowDown');
      }
      objects.set(input.Key, input.Body);
      return {};
    });
    await expect(store().write([page('/', 'front v2'), page('/b/bc_1', 'alert')])).rejects.toThrow(
      'SlowDown',
    );
    expect(objects.get(HASH_INDEX_KEY)).toBe(before);
    s3.resetHistory();
    await store().write([page('/', 'front v2'), page('/b/bc_1', 'alert')]);
    expect(putKeys()).toEqual(['index.html', 'b/bc_1', HASH_INDEX_KEY]);
  });

  it('a denied read of the index is a failure, never taken for "no index yet"', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'Access Denied',
        $metadata: {},
      }),
    );
    await expect(store().write([page('/', 'front')])).rejects.toThrow('Access Denied');
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 0);
  });

  it('puts at most 16 files at once', async () => {
    let inFlight = 0;
    let most = 0;
    s3.on(PutObjectCommand).callsFake(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return {};
    });
    const files = Array.from({ length: 40 }, (_, i) => page(`/b/bc_${i}`, `alert ${i}`));
    expect(await store().write(files)).toEqual({ written: 40, unchanged: 0 });
    expect(most).toBe(16);
  });
});
