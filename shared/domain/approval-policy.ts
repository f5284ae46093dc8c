import type { Broadcast } from './broadcast.js';
import { ConflictError, ForbiddenError, InvalidTransitionError, ValidationError } from './errors.js';
import type { Incident } from './incident.js';
import { Permissions, type Principal, requireRole } from './principal.js';

export interface ApprovalRequest {
  broadcast: Broadcast;
  incident: Incident;
  approver: Principal;
  /** The hash of the content the approver saw; it must still be the broadcast's. */
  contentHash: string;
  breakGlassReason?: string | undefined;
  now: Date;
}

export interface ApprovalDecision {
  /** True when the author approved their own broadcast through break-glass; flagged in the audit. */
  breakGlass: boolean;
}

/**
 * The two-person rule. A second person approves the exact content; the author never approves
 * their own broadcast, except through break-glass for an `Extreme` + `Immediate` incident with a
 * typed reason, which is flagged for review.
 */
export function decideApproval(request: ApprovalRequest): ApprovalDecision {
  const { broadcast, incident, approver } = request;
  requireRole(approver, Permissions.approve, 'approving a broadcast');

  if (broadcast.status !== 'PENDING_APPROVAL') throw new InvalidTransitionError(broadcast.status, 'APPROVED');
  if (request.contentHash !== broadcast.contentHash) {
    throw new ConflictError(
      'the content changed since it was previewed: review the new preview and its hash',
    );
  }
  const expiresAt = Date.parse(incident.expiresAt);
  // An unreadable expiry counts as expired: fail closed.
  if (Number.isNaN(expiresAt) || expiresAt <= request.now.getTime()) {
    throw new ConflictError('the incident has expired; file a new one or an update with a later expiry');
  }

  if (approver.id !== broadcast.authorId) return { breakGlass: false };

  if (!request.breakGlassReason) {
    throw new ForbiddenError(
      'the author cannot approve their own broadcast; a second person must approve it',
    );
  }
  if (incident.severity !== 'Extreme' || incident.urgency !== 'Immediate') {
    throw new ForbiddenError('break-glass self-approval is only for Extreme and Immediate incidents');
  }
  return { breakGlass: true };
}

/**
 * Rejection follows the same role rule; the author may withdraw their own draft. A reviewer may
 * instead return it to its author for edit; the author has nobody to return it to.
 */
export function assertCanReject(
  broadcast: Broadcast,
  rejecter: Principal,
  options: { returnForEdit?: boolean | undefined } = {},
): void {
  const author = rejecter.id === broadcast.authorId;
  if (!author) requireRole(rejecter, Permissions.approve, 'rejecting a broadcast');
  if (broadcast.status !== 'PENDING_APPROVAL') throw new InvalidTransitionError(broadcast.status, 'REJECTED');
  if (author && options.returnForEdit) {
    throw new ValidationError('the author cannot return their own broadcast', [
      {
        path: ['returnForEdit'],
        message: 'only a reviewer returns a broadcast for edit; the author withdraws it (leave this out)',
      },
    ]);
  }
}

export interface ReturnedForEdit {
  /** The reviewer who sent it back. */
  by: string;
  at: string;
  /** What the reviewer asks the author to change. */
  reason: string;
}

/**
 * Whether a broadcast was returned to its author for edit, by whom and why; undefined for one
 * still pending, approved, turned down or withdrawn. The author's console lists these with the
 * reason, and the author files a corrected draft (the broadcast itself never changes).
 */
export function returnedForEdit(broadcast: Broadcast): ReturnedForEdit | undefined {
  const rejection = broadcast.rejection;
  if (broadcast.status !== 'REJECTED' || !rejection?.returned) return undefined;
  return { by: rejection.by, at: rejection.at, reason: rejection.reason };
}
