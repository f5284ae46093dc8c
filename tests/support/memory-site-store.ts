import type { SiteFile } from '../../shared/domain/public-site.js';
import type { PublicSiteStore } from '../../shared/ports/public-site.js';

/** The public site in memory: the latest file per path, and how many writes each render made. */
export class MemorySiteStore implements PublicSiteStore {
  readonly files = new Map<string, SiteFile>();

  async write(files: SiteFile[]): Promise<{ written: number; unchanged: number }> {
    let written = 0;
    for (const file of files) {
      const known = this.files.get(file.path);
      if (known && known.body === file.body && known.contentType === file.contentType) continue;
      this.files.set(file.path, file);
      written += 1;
    }
    return { written, unchanged: files.length - written };
  }
}
