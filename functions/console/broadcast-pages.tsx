import { decideApproval, returnedForEdit } from '../../shared/domain/approval-policy.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/principal.js';
import type { StaffSession } from '../../shared/domain/staff-session.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import { ApproveBody, RejectBody } from '../../shared/http/schemas.js';
import { approveBroadcast } from '../../shared/use-cases/approve-broadcast.js';
import { getBroadcast, listAwaitingApproval } from '../../shared/use-cases/read-models.js';
import { rejectBroadcast } from '../../shared/use-cases/reject-broadcast.js';
import { DeliveryBoard } from '../../web/console/board.js';
import { type BroadcastPageModel, renderBroadcastPage } from '../../web/console/broadcast-page.js';
import { renderConsole } from '../../web/console/layout.js';
import { type AwaitingItem, renderApprovals } from '../../web/console/pages.js';
import { appContext, type ConsoleContext } from './context.js';
import { fieldErrors } from './form-errors.js';
import { page, redirect } from './responses.js';
import { estimateFor, frameOf } from './site.js';

type BroadcastHandlers = Pick<
  ConsoleHandlers,
  | 'GET /console/approvals'
  | 'GET /console/broadcasts/{id}'
  | 'GET /console/broadcasts/{id}/board'
  | 'POST /console/broadcasts/{id}/approve'
  | 'POST /console/broadcasts/{id}/reject'
>;

/**
 * Whether this person may approve, in the approval policy's own words (the domain decides, the
 * page only asks): nothing when they may, else the sentence; and whether break-glass is open to
 * them (the author of an Extreme + Immediate broadcast, with a typed reason).
 */
function approvalFor(
  model: Pick<BroadcastPageModel, 'broadcast' | 'incident'>,
  approver: Principal,
  now: Date,
) {
  const ask = (breakGlassReason?: string) => {
    try {
      decideApproval({ ...model, approver, contentHash: model.broadcast.contentHash, breakGlassReason, now });
      return undefined;
    } catch (error) {
      if (error instanceof DomainError) return error.message;
      throw error;
    }
  };
  const cannotApprove = ask();
  const isAuthor = model.broadcast.authorId === approver.id;
  return {
    cannotApprove,
    breakGlass: isAuthor && cannotApprove !== undefined && ask('break-glass check') === undefined,
  };
}

async function pageModel(
  context: ConsoleContext,
  session: StaffSession,
  id: string,
  extra: Partial<BroadcastPageModel> = {},
): Promise<BroadcastPageModel> {
  const { broadcast, dispatch, deliveries } = await getBroadcast(context, session.principal, id);
  // The incident record alone: getIncident would read every broadcast's deliveries a second time.
  const incident = await context.incidents.get(broadcast.incidentId);
  if (!incident) throw new NotFoundError(`incident ${broadcast.incidentId} not found`);
  const model = {
    frame: frameOf(context),
    session,
    registry: context.registry,
    broadcast,
    incident,
    dispatch,
    deliveries,
    estimate: await estimateFor(context, broadcast),
    errors: {},
    breakGlass: false,
    returned: returnedForEdit(broadcast),
    // The link every post and SMS of it carries.
    publicPage: broadcast.content.link,
    ...extra,
  };
  return broadcast.status === 'PENDING_APPROVAL'
    ? { ...model, ...approvalFor(model, session.principal, context.clock.now()), ...extra }
    : model;
}

/** The approval queue, the approval page that becomes the delivery board, approve and reject. */
export const broadcastPages: BroadcastHandlers = {
  'GET /console/approvals': async ({ session }) => {
    const context = await appContext();
    const awaiting = await awaitingItems(context, session.principal);
    return page(200, renderApprovals({ frame: frameOf(context), session, awaiting }));
  },

  'GET /console/broadcasts/{id}': async ({ params, query, session }) => {
    const context = await appContext();
    return page(200, renderBroadcastPage(await pageModel(context, session, params.id, { note: query.note })));
  },

  'GET /console/broadcasts/{id}/board': async ({ params, session }) => {
    const context = await appContext();
    const { broadcast, dispatch, deliveries } = await getBroadcast(context, session.principal, params.id);
    const board = (
      <DeliveryBoard
        broadcast={broadcast}
        dispatch={dispatch}
        deliveries={deliveries}
        registry={context.registry}
        timeZone={context.registry.service.timeZone}
      />
    );
    return page(200, renderConsole(board));
  },

  'POST /console/broadcasts/{id}/approve': async ({ params, form, session }) => {
    const context = await appContext();
    const reason = form.breakGlassReason?.trim();
    const again = async (status: number, errors: Record<string, string>) =>
      page(
        status,
        renderBroadcastPage(
          await pageModel(context, session, params.id, {
            errors,
            values: { breakGlassReason: form.breakGlassReason },
          }),
        ),
      );
    const parsed = ApproveBody.safeParse({
      contentHash: form.contentHash,
      ...(reason ? { breakGlassReason: reason } : {}),
    });
    if (!parsed.success) return again(422, fieldErrors(parsed.error.issues, { firstLanguage: 'en' }));
    try {
      await approveBroadcast(context, session.principal, { broadcastId: params.id, ...parsed.data });
      return redirect(`/console/broadcasts/${params.id}?note=approved`);
    } catch (error) {
      // A double click, or a colleague first: the broadcast is approved once, and this says so.
      const now = await getBroadcast(context, session.principal, params.id);
      if (error instanceof ConflictError && now.broadcast.status === 'APPROVED')
        return redirect(`/console/broadcasts/${params.id}?note=already-approved`);
      if (error instanceof ConflictError && now.broadcast.contentHash !== parsed.data.contentHash)
        return again(409, {
          approve:
            'The content changed after you opened this page, so nothing was approved. Read the content below again, then approve it if it is right.',
        });
      if (
        error instanceof ForbiddenError ||
        error instanceof ConflictError ||
        error instanceof ValidationError
      )
        return again(error instanceof ForbiddenError ? 403 : 409, {
          [reason ? 'breakGlassReason' : 'approve']: `${sentence(error.message)}`,
        });
      throw error;
    }
  },

  'POST /console/broadcasts/{id}/reject': async ({ params, form, session }) => {
    const context = await appContext();
    const again = async (status: number, errors: Record<string, string>) =>
      page(
        status,
        renderBroadcastPage(
          await pageModel(context, session, params.id, { errors, values: { reason: form.reason } }),
        ),
      );
    const parsed = RejectBody.safeParse({
      reason: form.reason ?? '',
      ...(form.outcome === 'return' ? { returnForEdit: true } : {}),
    });
    if (!parsed.success)
      return again(422, { reason: 'Say why, in at least 3 characters: the author reads it' });
    try {
      await rejectBroadcast(context, session.principal, { broadcastId: params.id, ...parsed.data });
      return redirect(`/console/broadcasts/${params.id}?note=rejected`);
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof ConflictError)
        return again(409, { reason: sentence(error.message) });
      throw error;
    }
  },
};

const sentence = (message: string) =>
  `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;

export async function awaitingItems(context: ConsoleContext, principal: Principal): Promise<AwaitingItem[]> {
  const broadcasts = await listAwaitingApproval(context, principal);
  const items = await Promise.all(
    broadcasts.map(async (broadcast) => {
      const incident = await context.incidents.get(broadcast.incidentId);
      return incident ? { broadcast, incident } : undefined;
    }),
  );
  return items.flatMap((i) => (i ? [i] : []));
}
