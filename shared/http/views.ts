import { subscriberEstimate } from '../domain/audience-estimate.js';
import type { Broadcast, Delivery, DispatchSummary } from '../domain/broadcast.js';
import type { Registry } from '../domain/registry.js';
import { contentMeters } from '../domain/rendering/meters.js';
import type { AudienceCount } from '../domain/subscription.js';

/** Response shapes: what staff see. Never includes credentials or subscriber data. */

/**
 * A broadcast as staff see it. With the subscriber counts (`GET /audience`'s source), the audience
 * carries the estimate the approver needs: how many people and how long SMS takes to reach them.
 */
export function broadcastView(
  broadcast: Broadcast,
  dispatch?: DispatchSummary,
  subscribers?: { counts: AudienceCount[]; smsPartsPerSecond: number },
) {
  return {
    id: broadcast.id,
    incidentId: broadcast.incidentId,
    kind: broadcast.kind,
    msgType: broadcast.msgType,
    follows: broadcast.follows,
    status: broadcast.status === 'APPROVED' ? (dispatch?.status ?? 'DISPATCHING') : broadcast.status,
    approvalStatus: broadcast.status,
    contentHash: broadcast.contentHash,
    // Staff data, like the preview: what the author typed, so a follow-up form can start from it.
    facts: broadcast.facts,
    preview: {
      ...broadcast.content,
      xSchedule: broadcast.xSchedule,
      meters: contentMeters(broadcast.content),
      warnings: broadcast.warnings ?? [],
      staleResources: (broadcast.content.resources ?? []).filter((r) => r.stale).map((r) => r.id),
    },
    audience: subscribers
      ? {
          ...broadcast.audience,
          subscribers: subscriberEstimate(
            broadcast.targets,
            broadcast.content,
            subscribers.counts,
            subscribers.smsPartsPerSecond,
          ),
        }
      : broadcast.audience,
    author: broadcast.authorId,
    createdAt: broadcast.createdAt,
    approval: broadcast.approval,
    rejection: broadcast.rejection,
    delivery: dispatch,
    audit: broadcast.history,
  };
}

/** A delivery as staff see it; for X, the link to the (first) post of the thread. */
export function deliveryView(delivery: Delivery, registry: Registry) {
  const handle =
    delivery.channel === 'x' ? registry.accounts.find((a) => a.id === delivery.target)?.handle : undefined;
  const firstPost = delivery.providerIds[0];
  return {
    channel: delivery.channel,
    target: delivery.target,
    language: delivery.language,
    status: delivery.status,
    attempts: delivery.attempts,
    // Of the attempts, those spent waiting for a rate-limit reset or the X budget: without it a
    // delivery at five attempts reads as failing when it has only been waiting its turn.
    waits: delivery.waits ?? 0,
    providerId: delivery.providerIds[0],
    providerIds: delivery.providerIds,
    error: delivery.error,
    sentAt: delivery.sentAt,
    ...(handle && firstPost && delivery.status === 'SENT'
      ? { url: `https://x.com/${handle}/status/${firstPost}` }
      : {}),
  };
}
