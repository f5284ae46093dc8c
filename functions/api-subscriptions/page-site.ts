import { publicPaths } from '../../shared/domain/public-paths.js';
import type { Registry } from '../../shared/domain/registry.js';
import type { PageSite } from '../../shared/http/page-route.js';
import { formKey } from '../../shared/use-cases/subscriptions/subscription-secrets.js';
import { STYLESHEET_NAME } from '../../web/assets/stylesheet.js';
import { type SiteContext, siteContext } from '../../web/pages/site-context.js';
import { renderProblemPage } from '../../web/pages/subscribe/problem-page.js';
import { appContext } from './context.js';

const sites = new WeakMap<Registry, SiteContext>();

/** The public site's words and paths for this registry (built once per registry). */
export function siteOf(registry: Registry): SiteContext {
  let site = sites.get(registry);
  if (!site) {
    site = siteContext(registry, publicPaths.asset(STYLESHEET_NAME));
    sites.set(registry, site);
  }
  return site;
}

/**
 * What the page routes need from this function's context. The forms' signing key is derived from
 * the subscriber HMAC key (`formKey`, docs/architecture.md D26); the public site's origin is
 * trusted for posts because on AWS the pages are served under it.
 */
export async function pageSite(): Promise<PageSite> {
  const context = await appContext();
  const { registry, clock, log, vault } = context;
  return {
    languages: registry.languages.map((l) => l.code),
    trustedOrigins: [new URL(registry.service.publicBaseUrl).origin],
    csrfKey: () => formKey(vault),
    nowMs: () => clock.now().getTime(),
    log,
    problemPage: (problem) => renderProblemPage({ site: siteOf(registry), ...problem }),
  };
}
