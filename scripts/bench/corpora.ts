import { copyFile, cp, mkdir, readFile, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';

/** One corpus the benchmark runs on, and how to lay it out on disk for `loadCorpus`. */
export interface CorpusSpec {
  /** Name in the table and JSON: `bundled`, `real-21k`, `scaled-100k`, … */
  name: string;
  /** Where the articles come from. */
  kind: 'folder' | 'jsonl';
  /** `folder`: the corpus folder itself; `jsonl`: the source files, concatenated then replicated. */
  sources: string[];
  /** How many copies of every article (1 = the real corpus); copies get new ids. */
  copies: number;
  /** Keep only every n-th article of each source (1 = all): the quick run's subset. */
  every: number;
}

/** The real news files the issue names, relative to the repo root. */
const SHARED_FILES = ['../shared/corpus-data/news-bbc.jsonl', '../shared/corpus-data/news-reuters21578.jsonl'];
/** 21,020 real articles × 5 ≈ 105k, × 24 ≈ 504k: the ≈100k and ≈500k scale-ups. */
const SCALE_COPIES = [5, 24];
/**
 * `--quick` must finish in under a minute on a shared 2-core machine. Our full ingest of the ≈21k
 * articles takes ≈11 s, but the whole ≈21k measurement takes ≈60 s even with quick settings (the
 * naive baseline alone needs ≈25 s: its index and 260 questions at ≈40 ms), so the quick run uses
 * every 4th real article (≈5.2k) instead.
 */
const QUICK_EVERY = 4;

/**
 * The corpora to measure: the bundled one always; the ≈21k real articles and their scale-ups
 * when `../shared` is there (said on stderr when it is not). `quick` stops at ≈21k.
 */
export async function listCorpora(repoRoot: string, options: { quick: boolean; log: (line: string) => void }): Promise<CorpusSpec[]> {
  const specs: CorpusSpec[] = [{ name: 'bundled', kind: 'folder', sources: [path.join(repoRoot, 'corpus')], copies: 1, every: 1 }];
  const shared = SHARED_FILES.map((file) => path.resolve(repoRoot, file));
  const present = await Promise.all(shared.map((file) => stat(file).then(() => true, () => false)));
  if (!present.every(Boolean)) {
    const missing = shared.filter((_, i) => !present[i]);
    options.log(`bench: ${missing.join(', ')} not found; running on the bundled corpus only`);
    return specs;
  }
  if (options.quick) {
    specs.push({ name: 'real-5k', kind: 'jsonl', sources: shared, copies: 1, every: QUICK_EVERY });
    return specs;
  }
  specs.push({ name: 'real-21k', kind: 'jsonl', sources: shared, copies: 1, every: 1 });
  for (const copies of SCALE_COPIES) specs.push({ name: `scaled-${Math.round((21 * copies) / 5) * 5}k`, kind: 'jsonl', sources: shared, copies, every: 1 });
  return specs;
}

/**
 * Lays a corpus out as a folder `loadCorpus` can read: the bundled folder copied; real files
 * copied (or every n-th line of them); scale-ups written as JSON Lines where copy `c` of article
 * `id` is `id~c` (copy 0 keeps its id). Deterministic, and only ever under `scratch` (never in
 * the repo).
 */
export async function materialise(spec: CorpusSpec, scratch: string): Promise<string> {
  const dir = path.join(scratch, spec.name);
  // A copy even of the bundled folder: the reload figures add and change articles in it.
  if (spec.kind === 'folder') {
    await cp(spec.sources[0]!, dir, { recursive: true });
    return dir;
  }
  await mkdir(dir, { recursive: true });
  if (spec.copies === 1 && spec.every === 1) {
    for (const source of spec.sources) await copyFile(source, path.join(dir, path.basename(source)));
    return dir;
  }
  for (const source of spec.sources) {
    const lines = (await readFile(source, 'utf8'))
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .filter((_, i) => i % spec.every === 0);
    const out = createWriteStream(path.join(dir, path.basename(source)));
    for (let copy = 0; copy < spec.copies; copy += 1) {
      const chunk = copy === 0 ? lines.join('\n') : lines.map((line) => renumber(line, copy)).join('\n');
      if (!out.write(`${chunk}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  return dir;
}

function renumber(line: string, copy: number): string {
  const article = JSON.parse(line) as { id: string };
  article.id = `${article.id}~${copy}`;
  return JSON.stringify(article);
}
