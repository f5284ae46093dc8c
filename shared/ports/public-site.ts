import type { PublicSnapshot, SiteFile } from '../domain/public-site.js';

/** Turns the public record into files: HTML pages, Atom feeds, CAP documents (web/site.ts). */
export interface PublicSiteRenderer {
  render(snapshot: PublicSnapshot): SiteFile[];
}

/**
 * Where the public site is served from: an S3 bucket behind CloudFront on AWS, a folder that the
 * local server serves with `npm start`. Writes only files whose content changed and returns how
 * many it wrote.
 */
export interface PublicSiteStore {
  write(files: SiteFile[]): Promise<{ written: number; unchanged: number }>;
}
