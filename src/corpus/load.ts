import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, LoadedArticle } from './article.js';
import { decodeUtf8Text } from './decode.js';
import { classifyFile } from './formats/index.js';
import type { LineFormat, OneArticleFormat } from './formats/format.js';
import { describeFsError, errorCode } from './fs-errors.js';
import { corpusFingerprint } from './hash.js';
import { MAX_FILE_BYTES, MAX_LINE_BYTES } from './limits.js';
import { compareRelativePaths } from './paths.js';
import { readFileLines, readWholeFile } from './read-file.js';
import { FileProblem, type Rejection } from './rejection.js';
import { validateArticle } from './validate.js';
import { walkCorpus, type CorpusWalk, type WalkedFile } from './walk.js';

export { RejectionSchema, formatRejection, type Rejection } from './rejection.js';

/** A file that was read, whether or not it yielded articles: what a reload diffs and caches key on. */
export interface CorpusFile {
  /** Relative to the corpus folder, forward slashes. */
  file: string;
  bytes: number;
  sha256: string;
  /** Ids of the articles accepted from this file, in file order. */
  articleIds: string[];
}

/** The result of loading a corpus folder: the good articles and an account of everything else. */
export interface CorpusLoad {
  /** Absolute path of the corpus folder. */
  dir: string;
  /** Every valid article, ordered by file path, then line. */
  articles: LoadedArticle[];
  /** Every bad file or line, with a reason a moderator can act on, ordered by file path, then line. */
  rejected: Rejection[];
  /** Every file that was read, including ones that yielded no article, ordered by path. */
  files: CorpusFile[];
  /** sha256 over the sorted (file, sha256) pairs: same files, same fingerprint. */
  fingerprint: string;
}

/**
 * Thrown only when the corpus folder itself is missing, not a folder, or unreadable. A bad file
 * inside the folder is never thrown: it becomes a {@link Rejection} and the rest still loads.
 */
export class CorpusDirError extends Error {
  constructor(
    message: string,
    /** The folder that could not be used, absolute. */
    readonly dir?: string,
  ) {
    super(message);
    this.name = 'CorpusDirError';
  }
}

/**
 * Loads every article file under `dir` (recursively): `.txt` (seed format), `.jsonl` and
 * `.md`/`.markdown`. Never throws for a bad file; throws {@link CorpusDirError} when `dir` is
 * unusable, and the signal's reason when aborted.
 */
export async function loadCorpus(dir: string, options: { signal?: AbortSignal } = {}): Promise<CorpusLoad> {
  const root = path.resolve(dir);
  await assertCorpusFolder(root);
  let walk: CorpusWalk;
  try {
    walk = await walkCorpus(root, options.signal);
  } catch (error) {
    options.signal?.throwIfAborted();
    throw new CorpusDirError(`corpus folder "${root}" ${describeFsError(error)}`, root);
  }
  return readCorpusFiles(root, walk, options);
}

/**
 * The second half of {@link loadCorpus}: reads the files a walk found. Separate so that what
 * happens when the folder changes between walking and reading (a file deleted mid-reload) can be
 * exercised directly.
 */
export async function readCorpusFiles(
  root: string,
  walk: CorpusWalk,
  options: { signal?: AbortSignal } = {},
): Promise<CorpusLoad> {
  const corpus = new CorpusBuilder(root);
  for (const problem of walk.problems) corpus.reject(problem);
  for (const walked of walk.files) {
    options.signal?.throwIfAborted();
    await readOneFile(corpus, walked, options.signal);
  }
  return corpus.finish();
}

async function assertCorpusFolder(root: string): Promise<void> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new CorpusDirError(`corpus folder "${root}" is not a folder`, root);
  } catch (error) {
    if (error instanceof CorpusDirError) throw error;
    const reason = errorCode(error) === 'ENOENT' ? 'does not exist' : describeFsError(error);
    throw new CorpusDirError(`corpus folder "${root}" ${reason}; set CORPUS_DIR or --corpus to a folder of articles`, root);
  }
}

async function readOneFile(corpus: CorpusBuilder, walked: WalkedFile, signal: AbortSignal | undefined): Promise<void> {
  const kind = classifyFile(walked.file);
  if (kind.kind === 'documentation') return;
  if (kind.kind === 'unsupported') {
    corpus.reject({ file: walked.file, reason: kind.reason });
    return;
  }
  try {
    if (kind.format.kind === 'lines') await readLineFile(corpus, walked, kind.format, signal);
    else await readOneArticleFile(corpus, walked, kind.format, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof FileProblem) corpus.reject({ file: walked.file, line: error.line, reason: error.reason });
    else corpus.reject({ file: walked.file, reason: describeFsError(error) });
  }
}

async function readOneArticleFile(
  corpus: CorpusBuilder,
  walked: WalkedFile,
  format: OneArticleFormat,
  signal: AbortSignal | undefined,
): Promise<void> {
  const read = await readWholeFile(walked.path, MAX_FILE_BYTES, signal);
  const record = corpus.addFile(walked.file, read);
  if (read.bytes === 0) throw new FileProblem('file is empty');
  if (read.content === null) {
    throw new FileProblem(
      `file is ${megabytes(read.bytes)}, over the ${megabytes(MAX_FILE_BYTES)} limit for a one-article file; not loaded`,
    );
  }
  const text = decodeUtf8Text(read.content);
  const validation = validateArticle(format.parse(text, walked.file));
  if (!validation.ok) throw new FileProblem(validation.reason);
  corpus.accept(record, validation.article);
}

async function readLineFile(
  corpus: CorpusBuilder,
  walked: WalkedFile,
  format: LineFormat,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Articles are held back until the whole file has been read, so a file that fails half way
  // contributes nothing rather than a random prefix.
  const good: Array<{ article: Article; line: number }> = [];
  const bad: Rejection[] = [];
  let nonBlankLines = 0;
  const read = await readFileLines(
    walked.path,
    MAX_LINE_BYTES,
    (line) => {
      if ('tooLongBytes' in line) {
        nonBlankLines++;
        bad.push({
          file: walked.file,
          line: line.number,
          reason: `line is ${megabytes(line.tooLongBytes)}, over the ${megabytes(MAX_LINE_BYTES)} limit for one article; not loaded`,
        });
        return;
      }
      try {
        const fields = format.parseLine(decodeUtf8Text(line.bytes, 'line').replace(/\r$/, ''));
        if (fields === null) return;
        nonBlankLines++;
        const validation = validateArticle(fields);
        if (validation.ok) good.push({ article: validation.article, line: line.number });
        else bad.push({ file: walked.file, line: line.number, reason: validation.reason });
      } catch (error) {
        if (!(error instanceof FileProblem)) throw error;
        nonBlankLines++;
        bad.push({ file: walked.file, line: line.number, reason: error.reason });
      }
    },
    signal,
  );
  const record = corpus.addFile(walked.file, read);
  if (read.bytes === 0) throw new FileProblem('file is empty');
  if (read.binary) throw new FileProblem('file looks binary (it contains NUL bytes), not JSON Lines text');
  if (nonBlankLines === 0) throw new FileProblem('file has only blank lines, no articles');
  for (const rejection of bad) corpus.reject(rejection);
  for (const { article, line } of good) corpus.accept(record, article, line);
}

/** Accumulates a load in file order and enforces "first id wins" across files and lines. */
class CorpusBuilder {
  private readonly articles: LoadedArticle[] = [];
  private readonly rejected: Rejection[] = [];
  private readonly files: CorpusFile[] = [];
  private readonly firstOrigin = new Map<string, LoadedArticle['origin']>();

  constructor(private readonly root: string) {}

  addFile(file: string, digest: { bytes: number; sha256: string }): CorpusFile {
    const record: CorpusFile = { file, bytes: digest.bytes, sha256: digest.sha256, articleIds: [] };
    this.files.push(record);
    return record;
  }

  reject(rejection: Rejection): void {
    this.rejected.push(rejection.line === undefined ? { file: rejection.file, reason: rejection.reason } : rejection);
  }

  accept(record: CorpusFile, article: Article, line?: number): void {
    const origin = line === undefined ? { file: record.file } : { file: record.file, line };
    const first = this.firstOrigin.get(article.id);
    if (first) {
      const where = first.line === undefined ? `"${first.file}"` : `"${first.file}" line ${first.line}`;
      this.reject({ ...origin, reason: `id "${article.id}" is already used by ${where}; the first one is kept` });
      return;
    }
    this.firstOrigin.set(article.id, origin);
    this.articles.push({ ...article, origin });
    record.articleIds.push(article.id);
  }

  finish(): CorpusLoad {
    const rejected = [...this.rejected].sort(
      (a, b) => compareRelativePaths(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
    );
    return {
      dir: this.root,
      articles: this.articles,
      rejected,
      files: this.files,
      fingerprint: corpusFingerprint(this.files),
    };
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}
