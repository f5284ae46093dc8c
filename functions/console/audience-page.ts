import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import { audienceCounts } from '../../shared/use-cases/subscriptions/audience.js';
import { renderAudiencePage } from '../../web/workspace/audience/page.js';
import { appContext } from './context.js';
import { page } from './responses.js';
import { frameOf } from './site.js';

/** Subscribers per division, language and channel: the API's `GET /audience`, as a page. */
export const audiencePage: Pick<ConsoleHandlers, 'GET /console/audience'> = {
  'GET /console/audience': async ({ session }) => {
    const context = await appContext();
    const { audience, topicSubscriptions } = await audienceCounts(context, session.principal);
    return page(
      200,
      renderAudiencePage({
        frame: frameOf(context),
        session,
        registry: context.registry,
        audience,
        topicSubscriptions,
      }),
    );
  },
};
