import type { Broadcast, Delivery, DispatchSummary } from '../../shared/domain/broadcast.js';
import type { Registry } from '../../shared/domain/registry.js';
import { formatClock } from './format.js';

export interface BoardModel {
  broadcast: Broadcast;
  dispatch?: DispatchSummary | undefined;
  deliveries: Delivery[];
  registry: Registry;
  timeZone: string;
}

const STATUS_TEXT: Record<Delivery['status'], string> = {
  PENDING: 'Waiting',
  SENDING: 'Sending',
  SENT: 'Sent',
  FAILED: 'Failed',
  UNKNOWN: 'Checking',
};
const STATUS_TAG: Record<Delivery['status'], string> = {
  PENDING: 'govuk-tag--grey',
  SENDING: 'govuk-tag--blue',
  SENT: 'govuk-tag--green',
  FAILED: 'govuk-tag--red',
  UNKNOWN: 'govuk-tag--yellow',
};

/** An account whose credentials X refused: it stands out, and the rest still show. */
const isRevoked = (d: Delivery) => d.status === 'FAILED' && /revoked or invalid/.test(d.error ?? '');

/** The aggregate state in words: the status, and how many are settled of how many. */
export function aggregateText(model: Pick<BoardModel, 'broadcast' | 'dispatch' | 'deliveries'>): string {
  const total = model.broadcast.targets.length;
  const sent = model.deliveries.filter((d) => d.status === 'SENT').length;
  const failed = model.deliveries.filter((d) => d.status === 'FAILED').length;
  const status = model.dispatch?.status ?? 'DISPATCHING';
  const words: Record<string, string> = {
    DISPATCHING: 'Sending',
    DELIVERED: 'Sent everywhere',
    PARTIALLY_DELIVERED: 'Sent, with failures',
    FAILED: 'Failed everywhere',
  };
  return `${words[status] ?? status}: ${sent} of ${total} sent${failed ? `, ${failed} failed` : ''}`;
}

/** Whether the live refresh should keep going: until every delivery has settled. */
export const boardIsDone = (model: Pick<BoardModel, 'dispatch'>) =>
  model.dispatch !== undefined && model.dispatch.status !== 'DISPATCHING';

/**
 * The live delivery board: every X account and SNS topic with its status, attempts, last error and
 * a link to the post. `data-done` tells the script when to stop refreshing; without the script a
 * reload shows the same thing.
 */
export function DeliveryBoard(props: BoardModel) {
  const { deliveries, registry } = props;
  const done = boardIsDone(props);
  const revoked = deliveries.filter(isRevoked);
  const ordered = [...deliveries].sort(
    (a, b) => a.channel.localeCompare(b.channel) || a.target.localeCompare(b.target),
  );
  const account = (id: string) => registry.accounts.find((a) => a.id === id);
  return (
    <section
      id="delivery-board"
      class="herald-board"
      aria-labelledby="board-heading"
      data-done={done ? 'true' : 'false'}
      data-board-url={`/console/broadcasts/${props.broadcast.id}/board`}
    >
      <h2 class="govuk-heading-l" id="board-heading">
        Delivery
      </h2>
      <p
        class="govuk-body-l"
        id="board-status"
        role="status"
        data-status={props.dispatch?.status ?? 'DISPATCHING'}
      >
        <strong>{aggregateText(props)}</strong>
        {done ? null : <span class="govuk-body-s herald-board__live"> · updating by itself</span>}
      </p>
      {revoked.length > 0 ? (
        <div class="govuk-error-summary herald-board__revoked" data-testid="revoked">
          <h3 class="govuk-error-summary__title">
            {revoked.length === 1
              ? 'One X account refused its credentials'
              : `${revoked.length} X accounts refused their credentials`}
          </h3>
          <p class="govuk-body">
            {revoked.map((d) => `@${account(d.target)?.handle ?? d.target}`).join(', ')}: reconnect the
            account; every other target below is unaffected.
          </p>
        </div>
      ) : null}
      <table class="govuk-table herald-board__table">
        <caption class="govuk-table__caption govuk-visually-hidden">Every target and where it stands</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Target
            </th>
            <th scope="col" class="govuk-table__header">
              Status
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              Attempts
            </th>
            <th scope="col" class="govuk-table__header">
              Sent / last error
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {ordered.map((d) => {
            const a = d.channel === 'x' ? account(d.target) : undefined;
            const post =
              a && d.status === 'SENT' && d.providerIds[0]
                ? `https://x.com/${a.handle}/status/${d.providerIds[0]}`
                : undefined;
            return (
              <tr
                class={`govuk-table__row${isRevoked(d) ? ' herald-board__row--revoked' : ''}`}
                key={`${d.channel}-${d.target}`}
                data-target={d.target}
              >
                <th scope="row" class="govuk-table__header">
                  {d.channel === 'x' ? `X @${a?.handle ?? d.target}` : `SNS ${d.target}`}
                </th>
                <td class="govuk-table__cell">
                  <strong class={`govuk-tag ${STATUS_TAG[d.status]}`} data-delivery-status={d.status}>
                    {STATUS_TEXT[d.status]}
                  </strong>
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{d.attempts}</td>
                <td class="govuk-table__cell">
                  {d.status === 'SENT' ? (
                    <>
                      {formatClock(d.sentAt, props.timeZone)}
                      {post ? (
                        <>
                          {' · '}
                          <a class="govuk-link" href={post}>
                            the post<span class="govuk-visually-hidden"> of @{a?.handle}</span>
                          </a>
                        </>
                      ) : null}
                    </>
                  ) : (
                    (d.error ?? '')
                  )}
                </td>
              </tr>
            );
          })}
          {deliveries.length < props.broadcast.targets.length ? (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" colSpan={4}>
                {props.broadcast.targets.length - deliveries.length} more being planned
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
