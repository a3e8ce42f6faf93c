/**
 * `--name value` from a script's arguments, else `fallback`: the profiling scripts take a few
 * numbers and paths and pass every other flag (`--cold`, `--snapshot`) through as they are.
 */
export function flagOption(args: readonly string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}
