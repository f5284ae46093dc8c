import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderSiteStore } from '../../../infra/local/site-folder.js';
import type { SiteFile } from '../../../shared/domain/public-site.js';

const page = (path: string, body: string): SiteFile => ({
  path,
  body,
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, max-age=30',
});

describe('the local public site folder', () => {
  it('keeps every page of two renders that write at once', async () => {
    const root = await mkdtemp(join(tmpdir(), 'herald-site-test-'));
    const a = new FolderSiteStore(root);
    const b = new FolderSiteStore(root);
    const first = Array.from({ length: 20 }, (_, i) => page(`/b/a${i}`, `a${i}`));
    const second = Array.from({ length: 20 }, (_, i) => page(`/b/b${i}`, `b${i}`));
    await Promise.all([a.write(first), b.write(second)]);
    const index = JSON.parse(await readFile(join(root, '_herald/site-index.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(index).sort()).toEqual([...first, ...second].map((f) => f.path.slice(1)).sort());
  });

  it('writes a file again only when its content changed', async () => {
    const store = new FolderSiteStore(await mkdtemp(join(tmpdir(), 'herald-site-test-')));
    expect(await store.write([page('/', 'one'), page('/fr/', 'un')])).toEqual({ written: 2, unchanged: 0 });
    expect(await store.write([page('/', 'one'), page('/fr/', 'deux')])).toEqual({ written: 1, unchanged: 1 });
  });
});
