// `kt pack diff`: the applied pack against a file, as a unified diff (like `diff -u`).
import { createTwoFilesPatch } from 'diff';

export interface DiffSide {
  readonly label: string;
  readonly content: string;
}

export interface PackDiff {
  readonly equal: boolean;
  /** Empty when equal; otherwise a unified diff with `---`/`+++` headers. */
  readonly patch: string;
}

/** `applied` null means no pack of that name was ever applied: the whole file is new. */
export function diffPacks(applied: DiffSide | null, file: DiffSide): PackDiff {
  const before = applied ?? { label: '/dev/null', content: '' };
  if (applied !== null && applied.content === file.content) return { equal: true, patch: '' };
  const patch = createTwoFilesPatch(
    before.label,
    file.label,
    before.content,
    file.content,
    undefined,
    undefined,
    {
      context: 3,
    },
  );
  // The library starts with an `Index:`-less `===` separator line; diff -u users expect `---` first.
  return { equal: false, patch: patch.replace(/^=+\n/, '') };
}
