import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, normalize, sep } from 'node:path';
import { hashOf, objectKey } from '../../shared/adapters/s3/site-bucket.js';
import type { SiteFile } from '../../shared/domain/public-site.js';
import { SITE_SECURITY_HEADERS } from '../../shared/domain/site-headers.js';
import type { PublicSiteStore } from '../../shared/ports/public-site.js';

interface Meta {
  hash: string;
  contentType: string;
  cacheControl: string;
}

const INDEX = '_herald/site-index.json';

/** The last write queued per folder: each FolderSiteStore of one folder waits for the one before. */
const writesInFlight = new Map<string, Promise<unknown>>();

/**
 * Told each step of a write as S3SiteStore takes it (read the index, write a changed file, write
 * the index), so the local runtime can record the S3 commands the AWS store would send (D22).
 */
export interface SiteWriteObserver {
  readIndex(): void;
  wroteFile(key: string, file: SiteFile): void;
  wroteIndex(): void;
}

/**
 * The public site in a folder of the local data directory: the same keys as the S3 bucket, and
 * each file's content type and cache lifetime in an index, so `npm start` serves exactly what
 * CloudFront would (headers, ETag, Last-Modified, 304).
 */
export class FolderSiteStore implements PublicSiteStore {
  constructor(
    readonly root: string,
    private readonly observer?: SiteWriteObserver,
  ) {}

  /**
   * One write at a time per folder in this thread (the only one that renders): the index is read,
   * changed and written back, so two renders at once would each drop the other's entries, and a
   * page the index no longer lists is not served.
   */
  write(files: SiteFile[]): Promise<{ written: number; unchanged: number }> {
    const previous = writesInFlight.get(this.root) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.writeNow(files));
    writesInFlight.set(this.root, next);
    return next;
  }

  private async writeNow(files: SiteFile[]): Promise<{ written: number; unchanged: number }> {
    this.observer?.readIndex();
    const index = await this.readIndex();
    let written = 0;
    for (const file of files) {
      const key = objectKey(file.path);
      const hash = hashOf(file);
      if (index[key]?.hash === hash) continue;
      const path = this.pathOf(key);
      if (!path) throw new Error(`a site file outside the site: ${file.path}`);
      await atomicWrite(path, file.body);
      this.observer?.wroteFile(key, file);
      index[key] = { hash, contentType: file.contentType, cacheControl: file.cacheControl };
      written += 1;
    }
    if (written > 0) {
      await atomicWrite(join(this.root, INDEX), JSON.stringify(index));
      this.observer?.wroteIndex();
    }
    return { written, unchanged: files.length - written };
  }

  /** Answers a GET or HEAD for a site file; false when there is none (the caller answers 404). */
  async serve(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let key: string;
    try {
      key = objectKey(decodeURIComponent(urlPath));
    } catch {
      return false;
    }
    const meta = (await this.readIndex())[key];
    const path = this.pathOf(key);
    if (!meta || !path) return false;
    const [body, info] = await Promise.all([readFile(path), stat(path)]);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = {
      ...SITE_SECURITY_HEADERS,
      'content-type': meta.contentType,
      'cache-control': meta.cacheControl,
      etag,
      'last-modified': info.mtime.toUTCString(),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  private async readIndex(): Promise<Record<string, Meta>> {
    try {
      return JSON.parse(await readFile(join(this.root, INDEX), 'utf8')) as Record<string, Meta>;
    } catch {
      return {};
    }
  }

  /** The file of a key, never outside the root: a `..` in a request path cannot climb out. */
  private pathOf(key: string): string | undefined {
    const path = normalize(join(this.root, 'files', key));
    return path.startsWith(join(this.root, 'files') + sep) ? path : undefined;
  }
}

async function atomicWrite(path: string, body: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, path);
}
