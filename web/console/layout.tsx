import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import type { CapStatus } from '../../shared/domain/vocabulary.js';
import { CsrfField } from '../pages/subscribe/form-parts.js';
import { formatClock } from './format.js';

/** Live, exercise or test, as the console names them; chosen first, shown everywhere after. */
export type Mode = 'live' | 'exercise' | 'test';

export const modeOf = (status: CapStatus): Mode =>
  status === 'Actual' ? 'live' : status === 'Exercise' ? 'exercise' : 'test';
export const statusOf = (mode: Mode): CapStatus =>
  mode === 'live' ? 'Actual' : mode === 'exercise' ? 'Exercise' : 'Test';

/** The word on every title, preview and button of a broadcast in that mode. */
export const MODE_WORD: Record<Mode, string> = { live: 'LIVE', exercise: 'EXERCISE', test: 'TEST' };

/** What every page needs besides its own model: the asset URLs and the service's time zone. */
export interface ConsoleFrame {
  stylesheet: string;
  script: string;
  timeZone: string;
}

export interface ConsoleLayoutProps {
  title: string;
  frame: ConsoleFrame;
  /** Absent on the sign-in pages. */
  session?: StaffSession | undefined;
  /** The mode of the broadcast this page is about: its band, and its word in the title. */
  mode?: Mode | undefined;
  /** Which item of the navigation is this page. */
  section?: (typeof NAV)[number]['key'];
  /** Pages with errors: "Error: " before the title. */
  hasErrors?: boolean;
  children: ComponentChildren;
}

const NAV = [
  { key: 'overview', href: '/console', text: 'Overview' },
  { key: 'approvals', href: '/console/approvals', text: 'Awaiting approval' },
  { key: 'new', href: '/console/incidents/new', text: 'New incident' },
  { key: 'history', href: '/console/incidents', text: 'History' },
  // The communications workspace (D32).
  { key: 'templates', href: '/console/templates', text: 'Templates' },
  { key: 'resources', href: '/console/resources', text: 'Resources' },
  { key: 'audience', href: '/console/audience', text: 'Audience' },
  { key: 'reports', href: '/console/reports', text: 'Reports' },
] as const;

const ROLE_NAMES: Record<string, string> = {
  inspector: 'Duty inspector',
  comms: 'Communications',
  admin: 'Administrator',
};

/**
 * Every console page: skip link, a header with the staff member's name and role and the way out,
 * the navigation, and for a broadcast's pages the band of its mode: red LIVE, striped EXERCISE or
 * TEST, never the same screen for a drill and the real thing (Hawaii 2018). The script only
 * refreshes the delivery board and warns before the session ends; every action is a form post.
 */
export function ConsoleLayout(props: ConsoleLayoutProps) {
  const mode = props.mode;
  const title = [
    props.hasErrors ? 'Error: ' : '',
    mode ? `${MODE_WORD[mode]}: ` : '',
    props.title,
    ' – Herald console',
  ].join('');
  const session = props.session;
  return (
    <html lang="en" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{title}</title>
        <link rel="stylesheet" href={props.frame.stylesheet} />
        {session ? <script type="module" src={props.frame.script} /> : null}
      </head>
      <body class={`govuk-template__body herald-console${mode ? ` herald-console--${mode}` : ''}`}>
        <a href="#main-content" class="govuk-skip-link">
          Skip to main content
        </a>
        <header class="herald-console-header">
          <div class="herald-console-header__container">
            <a href="/console" class="herald-console-header__service">
              Herald duty console
            </a>
            {session ? (
              <div class="herald-console-header__user">
                <span data-testid="signed-in-as">
                  {session.principal.name}
                  <span class="herald-console-header__role">
                    {' · '}
                    {session.principal.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ') || 'No role'}
                  </span>
                </span>
                <form method="post" action="/console/sign-out" class="herald-inline-form">
                  <CsrfField token={session.csrfToken} />
                  <button type="submit" class="herald-link-button">
                    Sign out
                  </button>
                </form>
              </div>
            ) : null}
          </div>
          {session ? (
            <nav aria-label="Console" class="herald-console-nav">
              <ul>
                {NAV.map((item) => (
                  <li key={item.key}>
                    <a href={item.href} aria-current={props.section === item.key ? 'page' : undefined}>
                      {item.text}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        {mode ? <ModeBand mode={mode} /> : null}
        {session ? <SessionWarning session={session} timeZone={props.frame.timeZone} /> : null}
        <div class="herald-console-width">
          {/* tabindex -1: the skip link moves focus here with no script. */}
          <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** The band under the header: words first, colour second (colour is never the only signal). */
export function ModeBand(props: { mode: Mode }) {
  const text =
    props.mode === 'live'
      ? 'LIVE: this goes to the public, on every real account and to every subscriber'
      : props.mode === 'exercise'
        ? 'EXERCISE: sandbox accounts and exercise topics only; the public sees nothing'
        : 'TEST: sandbox accounts and exercise topics only; the public sees nothing';
  return (
    <div class={`herald-mode-band herald-mode-band--${props.mode}`} data-mode={props.mode}>
      <strong class="herald-mode-band__text">{text}</strong>
    </div>
  );
}

/**
 * The inactivity warning: hidden until the script shows it a few minutes before the idle end.
 * Without the script the page still says when the session ends, and the button still works.
 */
function SessionWarning(props: { session: StaffSession; timeZone: string }) {
  return (
    <section
      class="herald-session-warning"
      id="session-warning"
      data-idle-ends={props.session.idleExpiresAt}
      aria-label="Session"
    >
      <form method="post" action="/console/session/extend" class="herald-console-width">
        <p class="govuk-body-s herald-session-warning__text" id="session-warning-text" aria-live="polite">
          Without activity, your session ends at{' '}
          <time dateTime={props.session.idleExpiresAt}>
            {formatClock(props.session.idleExpiresAt, props.timeZone)}
          </time>
          .
        </p>
        <CsrfField token={props.session.csrfToken} />
        <button type="submit" class="govuk-button govuk-button--secondary herald-session-warning__button">
          Stay signed in
        </button>
      </form>
    </section>
  );
}

/** A whole HTML document: the doctype, then the escaped-by-default render of the page. */
export function renderConsole(page: VNode): string {
  return `<!DOCTYPE html>\n${renderToString(page)}`;
}
