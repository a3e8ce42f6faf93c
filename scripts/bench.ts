/**
 * `npm run bench [-- --quick] [-- --only NAME] [-- --cpu-prof]`
 *
 * Measures Quotedesk at scale (issue 6): per-stage ingest, memory, snapshot, query and
 * autocomplete latency, against a naive whole-article MiniSearch bot and a tokenisation floor, on
 * the bundled corpus, the ≈21k real articles in ../shared/corpus-data and their ≈100k and ≈500k
 * scale-ups (`--quick` stops at ≈21k). Each corpus runs in a process of its own so its memory
 * figures are its own. Prints a table, then one JSON line `{"runs":[…]}` last. Scaled corpora and
 * snapshots live in a temporary folder that is removed at the end; nothing is written to the repo.
 * `--cpu-prof` writes a V8 CPU profile per corpus to that folder's sibling `quotedesk-bench-prof/`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listCorpora, materialise, type CorpusSpec } from './bench/corpora.js';
import { RESULT_MARK, type CorpusResult } from './bench/result.js';
import { formatTable } from './bench/table.js';

/** The scale-ups hold ≈0.6 GB of text; V8's default old space may be too small for build plus baselines. */
const CHILD_HEAP_MB = 12_288;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, 'cpu-prof': { type: 'boolean', default: false } },
  strict: true,
});
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const scratch = await mkdtemp(path.join(tmpdir(), 'quotedesk-bench-'));
const cleanUp = (): Promise<void> => rm(scratch, { recursive: true, force: true });
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  const specs = (await listCorpora(repoRoot, { quick: values.quick, log })).filter((spec) => !values.only || spec.name === values.only);
  const results: CorpusResult[] = [];
  for (const spec of specs) results.push(await runOne(spec));
  process.stdout.write(`\n${formatTable(results)}\n\n`);
  process.stdout.write(`${JSON.stringify({ runs: results })}\n`);
} finally {
  await cleanUp();
}

async function runOne(spec: CorpusSpec): Promise<CorpusResult> {
  const started = performance.now();
  const dir = await materialise(spec, scratch);
  log(`bench: ${spec.name} (${dir === spec.sources[0] ? dir : `${spec.copies} × ${spec.sources.map((s) => path.basename(s)).join(' + ')}`})`);
  const cacheDir = path.join(scratch, `cache-${spec.name}`);
  const flags = ['--expose-gc', `--max-old-space-size=${CHILD_HEAP_MB}`, '--import', 'tsx'];
  if (values['cpu-prof']) {
    const profDir = path.join(tmpdir(), 'quotedesk-bench-prof');
    await mkdir(profDir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${spec.name}-${Date.now()}.cpuprofile`);
    log(`bench: CPU profile → ${profDir}`);
  }
  const child = spawn(process.execPath, [...flags, path.join(repoRoot, 'scripts/bench/run-corpus.ts'), spec.name, dir, cacheDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`bench: ${spec.name} failed (exit ${code})`);
  await rm(path.join(scratch, spec.name), { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
  log(`bench: ${spec.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return JSON.parse(line.slice(RESULT_MARK.length)) as CorpusResult;
}
