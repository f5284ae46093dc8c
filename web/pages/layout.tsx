import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { pageText } from './text.js';

export interface LanguageLink {
  code: string;
  /** The language's own name: "English", "Français". */
  name: string;
  href: string;
}

export interface LayoutProps {
  lang: string;
  /** The page's own title; the service name is added after it. */
  title: string;
  serviceName: string;
  homeHref: string;
  stylesheetHref: string;
  /** The same page in the other languages. */
  otherLanguages: LanguageLink[];
  /** Atom feeds for autodiscovery. */
  feeds: { title: string; href: string }[];
  /** The CAP document of the alert on this page. */
  capHref?: string;
  /** Exercise and Test: the banner on top, the word in the title, and `noindex`. */
  exercise?: 'Exercise' | 'Test';
  noindex?: boolean;
  children: ComponentChildren;
}

/**
 * Every public page: GOV.UK Frontend's template structure (skip link, header, main, footer) under
 * Herald's name and colours. No script and no third-party request: the page reads the same with
 * JavaScript off, and the Content-Security-Policy can forbid everything but our own stylesheet.
 */
export function Layout(props: LayoutProps) {
  const text = pageText(props.lang);
  const title = props.exercise
    ? `${text.exerciseTitle(props.exercise)}: ${props.title} – ${props.serviceName}`
    : `${props.title} – ${props.serviceName}`;
  return (
    <html lang={props.lang} class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {props.exercise || props.noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
        <link rel="stylesheet" href={props.stylesheetHref} />
        {props.feeds.map((feed) => (
          <link
            key={feed.href}
            rel="alternate"
            type="application/atom+xml"
            title={feed.title}
            href={feed.href}
          />
        ))}
        {props.capHref ? <link rel="alternate" type="application/cap+xml" href={props.capHref} /> : null}
        {props.otherLanguages.map((other) => (
          <link key={other.code} rel="alternate" hreflang={other.code} href={other.href} />
        ))}
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {text.skipLink}
        </a>
        <header class="herald-header">
          <div class="govuk-width-container herald-header__container">
            <a href={props.homeHref} class="herald-header__service">
              {props.serviceName}
            </a>
            {props.otherLanguages.length > 0 ? (
              <nav aria-label={text.languageSwitch}>
                <ul class="govuk-list herald-header__lang">
                  {props.otherLanguages.map((other) => (
                    <li key={other.code}>
                      <a href={other.href} lang={other.code} hreflang={other.code}>
                        {other.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </header>
        <div class="govuk-width-container">
          {/* tabindex -1: the skip link moves focus here with no script (GOV.UK Frontend sets it from JS). */}
          <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {props.exercise ? (
              <div class="herald-exercise" role="note">
                <strong class="herald-exercise__text">{text.exerciseBanner(props.exercise)}</strong>
              </div>
            ) : null}
            {props.children}
          </main>
        </div>
        <footer class="herald-footer">
          <div class="govuk-width-container">
            <p class="govuk-body-s">{text.footer}</p>
            <p class="govuk-body-s">{text.notOfficialAlertReady}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A whole HTML document: the doctype, then the escaped-by-default render of the page. */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>\n${renderToString(page)}`;
}
