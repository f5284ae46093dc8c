import type { DiffPiece, DiffRow } from '../../../shared/domain/text-diff.js';

/**
 * Two versions of one text side by side, a row per line: removed words marked on the left, added
 * on the right, each mark with hidden words for screen readers (colour is not the only signal).
 */
export function SideBySide(props: {
  caption: string;
  rows: DiffRow[];
  left: string;
  right: string;
  lang: string;
}) {
  return (
    <table class="govuk-table herald-diff" data-testid="diff">
      <caption class="govuk-table__caption govuk-table__caption--s">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header herald-diff__side">
            {props.left}
          </th>
          <th scope="col" class="govuk-table__header herald-diff__side">
            {props.right}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((row, i) => (
          <tr class={`govuk-table__row herald-diff__row--${row.kind}`} key={i}>
            <td class="govuk-table__cell herald-diff__cell" lang={props.lang}>
              <Pieces pieces={row.left} mark="del" />
            </td>
            <td class="govuk-table__cell herald-diff__cell" lang={props.lang}>
              <Pieces pieces={row.right} mark="ins" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pieces(props: { pieces: DiffPiece[] | undefined; mark: 'del' | 'ins' }) {
  if (!props.pieces) return null;
  return (
    <>
      {props.pieces.map((p, i) =>
        !p.changed ? (
          p.text
        ) : props.mark === 'del' ? (
          <del key={i} class="herald-diff__del">
            <span class="govuk-visually-hidden" lang="en">
              removed:{' '}
            </span>
            {p.text}
          </del>
        ) : (
          <ins key={i} class="herald-diff__ins">
            <span class="govuk-visually-hidden" lang="en">
              added:{' '}
            </span>
            {p.text}
          </ins>
        ),
      )}
    </>
  );
}
