import { dispatchWarmer } from '../../shared/runtime/aws/dispatch-warmer.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { staffSignIn } from '../../shared/runtime/aws/staff-sign-in.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { resourceRepository, templateRepository } from '../../shared/runtime/library-ports.js';
import {
  afterActionStore,
  broadcastRepository,
  deliveryLedger,
  incidentRepository,
  rateLimiter,
  sessionStore,
  signInAttempts,
  subscriptionStore,
  xPostBudget,
} from '../../shared/runtime/table-ports.js';

/**
 * The AWS adapters of the console (its manifest access; checked by tests/unit/runtime): what
 * filing (api-incidents) and approving (api-broadcasts) use, plus its sessions and the staff
 * sign-in. Subscriber counts are read for the audience estimate, never an address, and the
 * sign-up code budget's counters for the SMS budgets beside it (D34). After-action
 * findings are kept beside each incident (D33).
 */
export const appContext = awsContext(
  table(
    templateRepository,
    resourceRepository,
    incidentRepository,
    broadcastRepository,
    deliveryLedger,
    xPostBudget,
    subscriptionStore,
    rateLimiter,
    sessionStore,
    signInAttempts,
    afterActionStore,
  ),
  sqsQueue,
  staffSignIn,
  dispatchWarmer,
);

export type ConsoleContext = Awaited<ReturnType<typeof appContext>>;
