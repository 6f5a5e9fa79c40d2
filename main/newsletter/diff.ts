/**
 * A word-by-word difference between two versions of a text: what the practice manager sees of a
 * story since she returned it, and how big her own edit is. Longest common subsequence over words
 * and the spaces between them, after the common start and end are set aside (stories are at most
 * 6,000 characters, so the table stays small).
 */

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const TOKEN = /\s+|[^\s]+/g;

function push(out: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // lcs[i][j]: the longest common run of x[i..] and y[j..], in one flat table.
  const width = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i -= 1) {
    for (let j = y.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const out: DiffPart[] = [];
  push(out, 'same', a.slice(0, head).join(''));
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      push(out, 'same', x[i]!);
      i += 1;
      j += 1;
    } else if (i < x.length && (j === y.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      // On a tie, what was taken out comes before what was put in: the old words read first.
      push(out, 'removed', x[i]!);
      i += 1;
    } else {
      push(out, 'added', y[j]!);
      j += 1;
    }
  }
  push(out, 'same', a.slice(a.length - tail).join(''));
  return tidy(out);
}

/**
 * "removed a, same space, removed friend, added her neighbour" reads badly: a change made of
 * several words separated by unchanged spaces becomes one removed phrase and one added phrase.
 */
function tidy(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let k = 0;
  while (k < parts.length) {
    if (parts[k]!.kind === 'same') {
      push(out, 'same', parts[k]!.text);
      k += 1;
      continue;
    }
    let removed = '';
    let added = '';
    let end = k;
    for (let m = k; m < parts.length; m += 1) {
      const part = parts[m]!;
      if (part.kind === 'same') {
        if (!/^\s+$/.test(part.text) || m + 1 >= parts.length || parts[m + 1]!.kind === 'same') break;
        removed += part.text;
        added += part.text;
      } else if (part.kind === 'removed') removed += part.text;
      else added += part.text;
      end = m + 1;
    }
    push(out, 'removed', removed.trim() === '' ? '' : removed);
    push(out, 'added', added.trim() === '' ? '' : added);
    k = end;
  }
  return out;
}

/** How many words a difference adds or takes away. */
export function changedWords(parts: readonly DiffPart[]): number {
  return parts.filter((p) => p.kind !== 'same').reduce((n, p) => n + (p.text.match(/[^\s]+/g)?.length ?? 0), 0);
}
