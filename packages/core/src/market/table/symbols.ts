import { InputError, type InputLocation } from '../../errors.js';

/** A short listing for messages: the first `n` names, then how many more. */
export function listSome(names: readonly string[], n = 8): string {
  if (names.length <= n) return names.join(', ');
  return `${names.slice(0, n).join(', ')}, … (${names.length} in all)`;
}

/**
 * Positions of `requested` in `available`, in the caller's order. InputError
 * for an empty request, a symbol asked for twice, or one that is not there
 * (naming a few available ones, and a case-insensitive near miss).
 */
export function resolveSymbols(
  available: readonly string[],
  requested: readonly string[],
  where: InputLocation = {},
  source = 'the data',
): number[] {
  if (requested.length === 0) throw new InputError('no symbols selected', where);
  const index = new Map<string, number>();
  available.forEach((s, i) => index.set(s, i));
  const seen = new Set<string>();
  return requested.map((s) => {
    if (seen.has(s)) throw new InputError(`symbol "${s}" is selected twice`, where);
    seen.add(s);
    const i = index.get(s);
    if (i === undefined) {
      const near = available.find((a) => a.toLowerCase() === s.toLowerCase());
      const hint = near !== undefined ? ` (did you mean "${near}"?)` : '';
      throw new InputError(`symbol "${s}" is not in ${source}${hint}; available: ${listSome(available)}`, where);
    }
    return i;
  });
}
