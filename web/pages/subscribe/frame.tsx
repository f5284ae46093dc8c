import type { ComponentChildren } from 'preact';
import { publicPaths } from '../../../shared/domain/public-paths.js';
import { Layout } from '../layout.js';
import { otherLanguages, type SiteContext } from '../site-context.js';
import { subscribeText } from './text.js';

export interface FrameProps {
  site: SiteContext;
  language: string;
  title: string;
  /** The page shows errors: its title says so first, as GOV.UK does for screen-reader users. */
  hasErrors?: boolean;
  /** This page in another language, for the language switch. */
  path: (language: string) => string;
  /** A page whose address carries a management token is never indexed. */
  private?: boolean;
  children: ComponentChildren;
}

/** The site's layout around a subscription page. */
export function Frame(props: FrameProps) {
  const { site, language } = props;
  const words = subscribeText(language);
  return (
    <Layout
      lang={language}
      title={`${props.hasErrors ? words.errorTitlePrefix : ''}${props.title}`}
      serviceName={site.serviceName(language)}
      homeHref={publicPaths.index(site.languages, language)}
      stylesheetHref={site.stylesheetHref}
      otherLanguages={otherLanguages(site, language, site.languages.codes, props.path)}
      feeds={[]}
      noindex={props.private ?? false}
    >
      {props.children}
    </Layout>
  );
}
