import { subscriberEstimate } from '../../shared/domain/audience-estimate.js';
import type { Broadcast } from '../../shared/domain/broadcast.js';
import { smsBudgets } from '../../shared/domain/sign-up-protection.js';
import type { ConsoleSite } from '../../shared/http/console-route.js';
import { readSessionCookie } from '../../shared/http/console-session-cookie.js';
import { subscriberCounts } from '../../shared/use-cases/read-models.js';
import { resumeSession } from '../../shared/use-cases/staff-sessions/resume-session.js';
import { codeBudgetUse } from '../../shared/use-cases/subscriptions/sign-up-limits.js';
import type { ConsoleFrame } from '../../web/console/layout.js';
import { renderProblem } from '../../web/console/pages.js';
import { CONSOLE_CSS_NAME, CONSOLE_SCRIPT_NAME } from './assets.js';

import { appContext, type ConsoleContext } from './context.js';

/** The asset URLs and the service's time zone, for every page. */
export function frameOf(context: Pick<ConsoleContext, 'registry'>): ConsoleFrame {
  return {
    stylesheet: `/console/assets/${CONSOLE_CSS_NAME}`,
    script: `/console/assets/${CONSOLE_SCRIPT_NAME}`,
    timeZone: context.registry.service.timeZone,
  };
}

/** What the console routes need from this function's context (shared/http/console-route.ts). */
export async function consoleSite(): Promise<ConsoleSite> {
  const context = await appContext();
  const sign = context.staffSignIn;
  return {
    resume: (event, activity) => resumeSession(context, readSessionCookie(event), { activity }),
    trustedOrigins: [],
    // Signing out continues at the provider's logout endpoint: the form's redirect goes there.
    formTargets:
      sign.kind === 'oidc' ? [new URL(sign.signOutUrl({ returnTo: 'https://example.invalid/' })).origin] : [],
    log: context.log,
    problemPage: (problem) => renderProblem({ frame: frameOf(context), ...problem }),
  };
}

/** The audience estimate the preview and the approval page show: subscribers and SMS reach time. */
export async function estimateFor(context: ConsoleContext, broadcast: Broadcast) {
  const [{ counts, smsPartsPerSecond }, codeUse] = await Promise.all([
    subscriberCounts(context),
    codeBudgetUse(context),
  ]);
  const estimate = subscriberEstimate(broadcast.targets, broadcast.content, counts, smsPartsPerSecond);
  return { ...estimate, smsBudgets: smsBudgets(context.registry, estimate.smsParts, codeUse) };
}
