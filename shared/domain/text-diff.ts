/**
 * A side-by-side difference between two texts, for the template history: lines first (a longest
 * common subsequence), then, where a run of lines was replaced, words within each replaced pair,
 * so a one-word edit in a long e-mail body is marked as that word. Pure; the comparison table is
 * capped (see MAX_TABLE_CELLS), so an 8,000-character field never costs hundreds of megabytes.
 */

/** A piece of one side of a line: unchanged, or present only on this side. */
export interface DiffPiece {
  text: string;
  changed: boolean;
}

/** One row of the side-by-side view; a side is absent where the line exists on the other only. */
export interface DiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  left?: DiffPiece[];
  right?: DiffPiece[];
}

type Step<T> = { op: 'same' | 'del' | 'ins'; item: T };

/**
 * The largest comparison table (one 4-byte cell per pair of items, so 16 MB) worth building: two
 * 8,000-character fields of short words would need about 64M cells (256 MB). Above it the texts
 * are shown as replaced, whole old against whole new.
 */
export const MAX_TABLE_CELLS = 4_000_000;

/** The edit script from `a` to `b` by longest common subsequence (equal items kept in order). */
function editScript<T>(a: readonly T[], b: readonly T[]): Step<T>[] {
  if ((a.length + 1) * (b.length + 1) > MAX_TABLE_CELLS)
    return [
      ...a.map((item) => ({ op: 'del' as const, item })),
      ...b.map((item) => ({ op: 'ins' as const, item })),
    ];
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lengths = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i * cols + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * cols + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * cols + j] as number, lengths[i * cols + j + 1] as number);
  const steps: Step<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      steps.push({ op: 'same', item: a[i] as T });
      i++;
      j++;
    } else if ((lengths[(i + 1) * cols + j] as number) >= (lengths[i * cols + j + 1] as number))
      steps.push({ op: 'del', item: a[i++] as T });
    else steps.push({ op: 'ins', item: b[j++] as T });
  }
  while (i < a.length) steps.push({ op: 'del', item: a[i++] as T });
  while (j < b.length) steps.push({ op: 'ins', item: b[j++] as T });
  return steps;
}

/**
 * Words, the spaces between them and punctuation on its own, so `{{closures}}.` and
 * `{{closures}}. More` share the placeholder, and joining the pieces gives the line back exactly.
 */
function words(line: string): string[] {
  return line.split(/(\s+|[.,;:!?()«»"])/).filter((token) => token !== '');
}

/** Two versions of one line, each as pieces with the words that differ marked. */
export function diffWords(left: string, right: string): { left: DiffPiece[]; right: DiffPiece[] } {
  const sides = { left: [] as DiffPiece[], right: [] as DiffPiece[] };
  const push = (side: DiffPiece[], text: string, changed: boolean) => {
    const last = side.at(-1);
    if (last && last.changed === changed) last.text += text;
    else side.push({ text, changed });
  };
  for (const step of editScript(words(left), words(right))) {
    if (step.op !== 'ins') push(sides.left, step.item, step.op === 'del');
    if (step.op !== 'del') push(sides.right, step.item, step.op === 'ins');
  }
  return sides;
}

/**
 * Rows for a side-by-side view of `left` (the older text) and `right`. Replaced lines are paired
 * in order as `changed` rows with their words marked; what is left over of a run is `removed` or
 * `added`.
 */
export function diffLines(left: string, right: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++)
      rows.push({ kind: 'changed', ...diffWords(removed[k] ?? '', added[k] ?? '') });
    for (const line of removed.slice(paired))
      rows.push({ kind: 'removed', left: [{ text: line, changed: true }] });
    for (const line of added.slice(paired))
      rows.push({ kind: 'added', right: [{ text: line, changed: true }] });
    removed = [];
    added = [];
  };
  for (const step of editScript(left.split('\n'), right.split('\n'))) {
    if (step.op === 'del') removed.push(step.item);
    else if (step.op === 'ins') added.push(step.item);
    else {
      flush();
      const piece = [{ text: step.item, changed: false }];
      rows.push({ kind: 'same', left: piece, right: piece });
    }
  }
  flush();
  return rows;
}
