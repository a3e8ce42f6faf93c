import { statSync } from 'node:fs';

/** The options `npm run ask` takes for itself when they come before `--`. */
export interface SwallowedFlags {
  corpus: string | undefined;
  json: boolean;
  all: boolean;
  /** What to tell the user, one line each; empty when npm took nothing. */
  notes: string[];
  /** The question words left once a swallowed `--corpus` got its folder back. */
  positionals: string[];
}

/**
 * `npm run ask --corpus DIR "q"` (no `--`) makes npm read `--corpus` as its own setting: the
 * script gets `DIR` as part of the question and `npm_config_corpus=true` in its environment, and
 * `--json` or `--all` vanish the same way. Rather than answer the wrong question from the wrong
 * corpus, notice those variables, take the flags back, and say what happened.
 */
export function recoverNpmFlags(env: NodeJS.ProcessEnv, positionals: readonly string[]): SwallowedFlags {
  const result: SwallowedFlags = { corpus: undefined, json: false, all: false, notes: [], positionals: [...positionals] };
  if (env.npm_lifecycle_event === undefined) return result;
  const taken: string[] = [];
  if (env.npm_config_corpus !== undefined) {
    const value = env.npm_config_corpus;
    if (value !== 'true' && value !== '') {
      result.corpus = value;
    } else if (result.positionals.length > 0 && isDirectory(result.positionals[0]!)) {
      result.corpus = result.positionals.shift();
    }
    taken.push(`--corpus${result.corpus ? ` ${result.corpus}` : ''}`);
  }
  if (env.npm_config_json === 'true') {
    result.json = true;
    taken.push('--json');
  }
  if (env.npm_config_all === 'true') {
    result.all = true;
    taken.push('--all');
  }
  if (taken.length > 0) {
    result.notes.push(
      `npm took ${taken.join(', ')} for itself (npm run passes options on only after "--"); Quotedesk took ${taken.length === 1 ? 'it' : 'them'} back. ` +
        `Next time: npm run ask -- ${taken.join(' ')} "…", or npx quotedesk ask ${taken.join(' ')} "…".`,
    );
    if (env.npm_config_corpus !== undefined && result.corpus === undefined) {
      result.notes.push('--corpus was given without a folder that exists, so it was ignored.');
    }
  }
  return result;
}

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
