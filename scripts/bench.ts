/**
 * `npm run bench [-- --quick] [-- --only NAME] [-- --cpu-prof] [-- --options] [-- --skip-naive] [-- --backend postgres]`
 *
 * Measures Quotedesk at scale (issue 6): ingest by stage, memory, snapshot, query and autocomplete
 * latency, against a naive whole-article MiniSearch bot and a tokenisation floor measured in the
 * same run. Corpora: the bundled one; the ≈21k real articles in ../shared/corpus-data and their
 * ≈100k and ≈500k scale-ups (`--quick`: the bundled one and every 4th real article, ≈5.2k, to stay
 * under a minute). Our pipeline and the naive bot each run in a process of their own per corpus,
 * so memory figures are their own. Prints a table, then one JSON line `{"runs":[…]}` last. Scaled
 * corpora and snapshots live in a temporary folder removed at the end: nothing is written to the
 * repo. `--cpu-prof` writes V8 CPU profiles of each process to os.tmpdir()/quotedesk-bench-prof/.
 * `--options` instead measures the design options issue 6 lists (scripts/bench/options.ts) on the
 * ≈21k real articles (≈5.2k with `--quick`). `--backend postgres` instead measures the PostgreSQL
 * store beside the embedded index (scripts/bench/postgres.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runChild, runScript } from './bench/child.js';
import { listCorpora, materialise, type CorpusSpec } from './bench/corpora.js';
import type { LatencyOptions } from './bench/latency.js';
import type { CorpusResult, NaiveResult, OursResult } from './bench/result.js';
import { round } from './bench/stats.js';
import { formatTable } from './bench/table.js';
import { runPostgresBench } from './bench/postgres.js';

/** The ≈500k corpus holds ≈0.6 GB of text; the naive index of it needs several times that. */
const CHILD_HEAP_MB = 12_288;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    options: { type: 'boolean', default: false },
    /** Leave out the naive MiniSearch baseline (its figures are n/a): for a run about reloads on a busy machine. */
    'skip-naive': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'embedded' },
  },
  strict: true,
});
const latency: LatencyOptions = values.quick ? { budgetMs: 4_000, maxPasses: 3, warmUp: 40 } : { budgetMs: 20_000, maxPasses: 3, warmUp: 40 };
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const scratch = await mkdtemp(path.join(tmpdir(), 'quotedesk-bench-'));
const cleanUp = (): Promise<void> => rm(scratch, { recursive: true, force: true });
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
try {
  const specs = (await listCorpora(repoRoot, { quick: values.quick, log })).filter((spec) => !values.only || spec.name === values.only);
  if (specs.length === 0) throw new Error(`no corpus called "${values.only}"`);
  if (values.backend === 'postgres') {
    await runPostgresBench(specs, scratch, { repoRoot, heapMb: CHILD_HEAP_MB, latency, log });
  } else if (values.backend !== 'embedded') {
    throw new Error(`--backend must be embedded or postgres, not "${values.backend}"`);
  } else if (values.options) {
    const spec = specs.find((candidate) => candidate.kind === 'jsonl' && candidate.copies === 1) ?? specs[0]!;
    await runScript(path.join(repoRoot, 'scripts/bench/options.ts'), [await materialise(spec, scratch)], { heapMb: CHILD_HEAP_MB });
  } else {
    const results: CorpusResult[] = [];
    for (const spec of specs) results.push(await runOne(spec));
    process.stdout.write(`\n${formatTable(results)}\n\n`);
    process.stdout.write(`${JSON.stringify({ runs: results })}\n`);
  }
} finally {
  await cleanUp();
}

async function runOne(spec: CorpusSpec): Promise<CorpusResult> {
  const started = performance.now();
  const dir = await materialise(spec, scratch);
  const from = spec.kind === 'folder' ? spec.sources[0]! : `${spec.sources.map((source) => path.basename(source)).join(' + ')}${spec.copies > 1 ? ` × ${spec.copies}` : ''}${spec.every > 1 ? `, every ${spec.every}th article` : ''}`;
  log(`bench: ${spec.name} (${from})`);
  const questionsFile = path.join(scratch, `questions-${spec.name}.json`);
  const child = (script: string): string => path.join(repoRoot, 'scripts/bench', script);
  const profile = (who: string): { cpuProfile?: string } => (values['cpu-prof'] ? { cpuProfile: `${spec.name}-${who}` } : {});
  const ours = await runChild<OursResult>(
    child('run-ours.ts'),
    [spec.name, dir, path.join(scratch, `cache-${spec.name}`), questionsFile, JSON.stringify(latency)],
    { heapMb: CHILD_HEAP_MB, ...profile('ours') },
  );
  let naive: NaiveResult | null = null;
  let naiveProblem: string | null = values['skip-naive'] ? 'the naive baseline was left out (--skip-naive)' : null;
  try {
    naive = values['skip-naive'] ? null : await runChild<NaiveResult>(child('run-naive.ts'), [spec.name, dir, questionsFile, JSON.stringify(latency)], {
      heapMb: CHILD_HEAP_MB,
      ...profile('naive'),
    });
  } catch (error) {
    naiveProblem = `the naive baseline failed: ${error instanceof Error ? error.message : String(error)} (heap limit ${CHILD_HEAP_MB} MB)`;
    log(`bench: ${naiveProblem}`);
  }
  await rm(dir, { recursive: true, force: true });
  log(`bench: ${spec.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    corpus: spec.name,
    articles: ours.articles,
    ingestMs: ours.ingestMs,
    naiveIngestMs: naive ? round(naive.readParseMs + naive.indexMs) : null,
    floorMs: ours.floorMs,
    queryP50Ms: ours.query.p50,
    queryP99Ms: ours.query.p99,
    naiveQueryP99Ms: naive ? naive.query.p99 : null,
    autocompleteP99Ms: ours.autocomplete.p99,
    snapshotLoadMs: ours.snapshotLoadMs,
    heapBytes: ours.heapBytes,
    corpusBytes: ours.corpusBytes,
    queryP95Ms: ours.query.p95,
    ingestMBps: round(ours.corpusBytes / 1_048_576 / (ours.ingestMs / 1000), 2),
    ours,
    naive,
    naiveProblem,
  };
}
