import { describe, expect, it } from 'vitest';
import { diffLines, diffWords } from '../../../shared/domain/text-diff.js';

const joined = (pieces: { text: string }[] | undefined) => (pieces ?? []).map((p) => p.text).join('');
const marked = (pieces: { text: string; changed: boolean }[] | undefined) =>
  (pieces ?? []).filter((p) => p.changed).map((p) => p.text);

describe('the word difference of two versions of a line', () => {
  it('marks only the word that changed, on each side', () => {
    const { left, right } = diffWords(
      'Avoid the area near {{location}}.',
      'Avoid the streets near {{location}}.',
    );
    expect(marked(left)).toEqual(['area']);
    expect(marked(right)).toEqual(['streets']);
  });

  it('gives each line back exactly when its pieces are joined', () => {
    const { left, right } = diffWords('Police  at {{location}}', 'Police are at  {{location}} now');
    expect(joined(left)).toBe('Police  at {{location}}');
    expect(joined(right)).toBe('Police are at  {{location}} now');
  });

  it('keeps punctuation apart, so a sentence added after a placeholder leaves the placeholder unmarked', () => {
    const { left, right } = diffWords('Closed: {{closures}}.', 'Closed: {{closures}}. Expect delays.');
    expect(marked(left)).toEqual([]);
    expect(marked(right)).toEqual([' Expect delays.']);
  });

  it('shows lines too long to compare word by word as replaced, whole old against whole new', () => {
    const older = 'a '.repeat(2_500);
    const newer = `${older}b`;
    const { left, right } = diffWords(older, newer);
    expect(left).toEqual([{ text: older, changed: true }]);
    expect(right).toEqual([{ text: newer, changed: true }]);
  });

  it('still compares word by word just under the bound', () => {
    const older = 'a '.repeat(900);
    const { right } = diffWords(older, `${older}b`);
    expect(marked(right)).toEqual(['b']);
  });

  it('marks nothing when the lines are equal', () => {
    const { left, right } = diffWords('Same words', 'Same words');
    expect(marked(left)).toEqual([]);
    expect(marked(right)).toEqual([]);
  });
});

describe('the side-by-side difference of two texts', () => {
  it('keeps equal lines as same rows and pairs a replaced line as a changed row', () => {
    const rows = diffLines('Line one\nLine two\nLine three', 'Line one\nLine 2\nLine three');
    expect(rows.map((r) => r.kind)).toEqual(['same', 'changed', 'same']);
    expect(marked(rows[1]?.left)).toEqual(['two']);
    expect(marked(rows[1]?.right)).toEqual(['2']);
  });

  it('shows a line only in the newer text as added, with no left side', () => {
    const rows = diffLines('First\nLast', 'First\nMiddle\nLast');
    expect(rows.map((r) => r.kind)).toEqual(['same', 'added', 'same']);
    expect(rows[1]?.left).toBeUndefined();
    expect(joined(rows[1]?.right)).toBe('Middle');
  });

  it('shows a line only in the older text as removed, with no right side', () => {
    const rows = diffLines('First\nGone\nLast', 'First\nLast');
    expect(rows.map((r) => r.kind)).toEqual(['same', 'removed', 'same']);
    expect(rows[1]?.right).toBeUndefined();
  });

  it('pairs what it can of a longer run and lists the rest as added', () => {
    const rows = diffLines('A one', 'A two\nB new');
    expect(rows.map((r) => r.kind)).toEqual(['changed', 'added']);
  });

  it('shows texts with too many lines to compare as replaced, each line rebuilt in order', () => {
    const older = Array.from({ length: 2_500 }, (_, k) => `${k}`).join('\n');
    const newer = `${older}\nlast`;
    const rows = diffLines(older, newer);
    expect(rows.some((row) => row.kind === 'same')).toBe(false);
    expect(
      rows
        .map((row) => joined(row.left))
        .filter((_, k) => k < 2_500)
        .join('\n'),
    ).toBe(older);
    expect(rows.at(-1)).toEqual({ kind: 'added', right: [{ text: 'last', changed: true }] });
  });

  it('rebuilds both texts from the rows', () => {
    const older = 'Shelter in place.\nStay away from windows.\n\nCall 911.';
    const newer = 'Shelter in place now.\n\nCall 911 if you are hurt.\nFollow @SampleHQ.';
    const rows = diffLines(older, newer);
    expect(
      rows
        .filter((r) => r.left)
        .map((r) => joined(r.left))
        .join('\n'),
    ).toBe(older);
    expect(
      rows
        .filter((r) => r.right)
        .map((r) => joined(r.right))
        .join('\n'),
    ).toBe(newer);
  });
});
