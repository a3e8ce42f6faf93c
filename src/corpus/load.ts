import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, LoadedArticle } from './article.js';
import { decodeText, decodeUtf8Text } from './decode.js';
import { classifyFile } from './formats/index.js';
import type { LineFormat, OneArticleFormat } from './formats/format.js';
import { describeFsError, errorCode } from './fs-errors.js';
import { corpusFingerprint } from './hash.js';
import { MAX_FILE_BYTES, MAX_LINE_BYTES } from './limits.js';
import { compareRelativePaths } from './paths.js';
import { readFileLines, readWholeFile, sameStamp, stampWithin, type FileDigest, type FileStamp, type ReadOptions } from './read-file.js';
import { FileProblem, type Rejection } from './rejection.js';
import { validateArticle } from './validate.js';
import { walkCorpus, type CorpusWalk, type WalkedFile } from './walk.js';
import { Slice } from '../time-slices.js';

/** Longest stretch the loader computes without letting answers through. */
const MAX_SLICE_MS = 10;

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

/** How far a load has got, for a progress line: files and bytes read of those to read, articles so far. */
export interface LoadProgress {
  filesRead: number;
  filesToRead: number;
  bytesRead: number;
  bytesToRead: number;
  articles: number;
  /** Files taken unchanged from the previous load without reading them. */
  filesKept: number;
}

export interface LoadOptions {
  signal?: AbortSignal | undefined;
  /** Longest wait for one read from one file (default 30 s); a file that takes longer is rejected, the rest still load. */
  readTimeoutMs?: number | undefined;
  /**
   * The load this one replaces: a file whose identity, size and modification and change times are
   * what they were then is taken from it without being read (as make and rsync decide), with the
   * same article objects, so everything derived from them can be kept too.
   */
  previous?: CorpusLoad | undefined;
  /** Called after each file (at most every few milliseconds is up to the caller). */
  onProgress?: ((progress: LoadProgress) => void) | undefined;
}

/** What one file yielded before ids were checked across files: what a later load reuses when the file is unchanged. */
interface ParsedFile {
  digest: FileDigest;
  articles: Array<{ article: LoadedArticle; line: number | undefined }>;
  rejections: Rejection[];
}

/**
 * Per load, what each file yielded: a non-enumerable property of the load, so loads stay plain
 * data to compare and print. Not a WeakMap: the garbage collector marks a WeakMap's values in
 * its stop-the-world pause (ephemeron marking), and this value holds an entry per article; at
 * 105k articles such pauses reached 0.8 s.
 */
const PARSED_FILES = Symbol('parsed files');

function parsedFilesOf(load: CorpusLoad): Map<string, ParsedFile> | undefined {
  return (load as CorpusLoad & { [PARSED_FILES]?: Map<string, ParsedFile> })[PARSED_FILES];
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
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<CorpusLoad> {
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
export async function readCorpusFiles(root: string, walk: CorpusWalk, options: LoadOptions = {}): Promise<CorpusLoad> {
  const corpus = new CorpusBuilder(root);
  for (const problem of walk.problems) corpus.reject(problem);
  const before = options.previous && options.previous.dir === root ? parsedFilesOf(options.previous) : undefined;
  // Which files can be kept as they were, and how much is left to read (for the progress line).
  const plan: Array<{ walked: WalkedFile; kept: ParsedFile | undefined; previous: ParsedFile | undefined; size: number }> = [];
  for (const walked of walk.files) {
    options.signal?.throwIfAborted();
    const previous = before?.get(walked.file);
    const stamp = await stampWithin(walked.path, options);
    const kept = previous && stamp && sameStamp(previous.digest.stamp, stamp) ? previous : undefined;
    plan.push({ walked, kept, previous, size: stamp?.size ?? 0 });
  }
  const slice = new Slice(MAX_SLICE_MS);
  const progress: LoadProgress = { filesRead: 0, filesToRead: 0, bytesRead: 0, bytesToRead: 0, articles: 0, filesKept: 0 };
  for (const step of plan) {
    if (step.kept) progress.filesKept += 1;
    else {
      progress.filesToRead += 1;
      progress.bytesToRead += step.size;
    }
  }
  // Read first, then decide which copy of each id is kept: an id in a file read now may take its
  // place from a copy in an earlier or a later file that was kept unread.
  const read: ReadFile[] = [];
  for (const step of plan) {
    options.signal?.throwIfAborted();
    const parsed = step.kept ?? (await readOneFile(step.walked, step.previous, options, slice));
    if (parsed) read.push({ file: step.walked.file, parsed, previous: step.previous });
    if (!step.kept) {
      progress.filesRead += 1;
      progress.bytesRead += step.size;
    }
    progress.articles += parsed?.articles.length ?? 0;
    options.onProgress?.({ ...progress });
  }
  const recheck = before && options.previous ? await idsToRecheck(before, read, duplicatesOf(options.previous), slice) : null;
  for (const { file, parsed } of read) {
    options.signal?.throwIfAborted();
    await corpus.addParsed(file, parsed, slice, recheck);
  }
  progress.articles = corpus.articleCount;
  options.onProgress?.({ ...progress });
  return corpus.finish();
}

/**
 * What a load that keeps files unread must decide afresh under "first id wins": the ids of every
 * file read now (its old and new articles) and of every file gone. Any other id occurs only in
 * kept files, in the same order as before, so the copy that won before wins again; only its
 * duplicates' rejections (few) need keeping. Deciding afresh only these saves a map of every id
 * per reload (0.8–2.1 s of a 505k-article reload, measured by scripts/bench/reload-profile.ts).
 */
interface Recheck {
  ids: Set<string>;
  /** The previous load's rejected copies by file and article index, for ids not rechecked. */
  duplicates: DuplicateCopies;
}

/** Copies rejected because an earlier article had their id: file's parse → article index → rejection. */
type DuplicateCopies = Map<ParsedFile, Map<number, Rejection>>;

/** A file as this load has it, and as the previous load had it: the same object when it was kept unread. */
interface ReadFile {
  file: string;
  parsed: ParsedFile;
  previous: ParsedFile | undefined;
}

async function idsToRecheck(before: Map<string, ParsedFile>, read: readonly ReadFile[], duplicates: DuplicateCopies | undefined, slice: Slice): Promise<Recheck | null> {
  const kept = (entry: ReadFile): boolean => entry.parsed === entry.previous;
  if (!duplicates || !read.some(kept)) return null;
  const ids = new Set<string>();
  const add = async (parsed: ParsedFile): Promise<void> => {
    for (let i = 0; i < parsed.articles.length; i += 1) {
      ids.add(parsed.articles[i]!.article.id);
      if ((i & 0x3ff) === 0x3ff) await slice.pauseIfDue();
    }
  };
  let stillThere = 0;
  for (const entry of read) {
    if (entry.previous) stillThere += 1;
    if (kept(entry)) continue;
    await add(entry.parsed);
    if (entry.previous) await add(entry.previous);
  }
  // Every file of the previous load this one found again has a previous parse (documentation has none).
  if (stillThere < before.size) {
    // Files gone since: only then is every file name looked up.
    const present = new Set(read.map((entry) => entry.file));
    for (const [file, parsed] of before) if (!present.has(file)) await add(parsed);
  }
  return { ids, duplicates };
}

const DUPLICATES = Symbol('duplicate copies');

function duplicatesOf(load: CorpusLoad): DuplicateCopies | undefined {
  return (load as CorpusLoad & { [DUPLICATES]?: DuplicateCopies })[DUPLICATES];
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

/** Reads one file into what it yields; null for files that are not articles (documentation). */
async function readOneFile(walked: WalkedFile, previous: ParsedFile | undefined, options: LoadOptions, slice: Slice): Promise<ParsedFile | null> {
  const kind = classifyFile(walked.file);
  if (kind.kind === 'documentation') return null;
  const parsed: ParsedFile = { digest: { bytes: 0, sha256: '', stamp: NO_STAMP }, articles: [], rejections: [] };
  if (kind.kind === 'unsupported') {
    parsed.rejections.push({ file: walked.file, reason: kind.reason });
    return parsed;
  }
  const readOptions: ReadOptions = { signal: options.signal, readTimeoutMs: options.readTimeoutMs };
  try {
    if (kind.format.kind === 'lines') await readLineFile(parsed, walked, kind.format, readOptions);
    else await readOneArticleFile(parsed, walked, kind.format, readOptions);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    parsed.articles = [];
    parsed.rejections = [
      error instanceof FileProblem ? withLine({ file: walked.file, reason: error.reason }, error.line) : { file: walked.file, reason: describeFsError(error) },
    ];
  }
  if (previous) await keepUnchangedArticles(parsed, previous, slice);
  return parsed;
}

const NO_STAMP: FileStamp = { dev: -1, ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1 };

function withLine(rejection: Rejection, line: number | undefined): Rejection {
  return line === undefined ? rejection : { ...rejection, line };
}

/** A re-read file's articles that are exactly what they were (text and place) stay the same objects, so what was derived from them is kept. */
async function keepUnchangedArticles(parsed: ParsedFile, previous: ParsedFile, slice: Slice): Promise<void> {
  // A JSON Lines file may hold hundreds of thousands of articles (and their bodies are compared): in slices.
  const before = new Map<string, LoadedArticle>();
  for (let i = 0; i < previous.articles.length; i += 1) {
    const { article } = previous.articles[i]!;
    before.set(article.id, article);
    if ((i & 0x3ff) === 0x3ff) await slice.pauseIfDue();
  }
  for (let i = 0; i < parsed.articles.length; i += 1) {
    const entry = parsed.articles[i]!;
    const old = before.get(entry.article.id);
    if (old && sameArticle(old, entry.article)) entry.article = old;
    if ((i & 0xff) === 0xff) await slice.pauseIfDue();
  }
}

function sameArticle(a: LoadedArticle, b: LoadedArticle): boolean {
  return (
    a.body === b.body &&
    a.title === b.title &&
    a.date === b.date &&
    a.source === b.source &&
    a.url === b.url &&
    a.origin.file === b.origin.file &&
    a.origin.line === b.origin.line
  );
}

function loaded(file: string, article: Article, line: number | undefined): LoadedArticle {
  return { ...article, origin: line === undefined ? { file } : { file, line } };
}

async function readOneArticleFile(parsed: ParsedFile, walked: WalkedFile, format: OneArticleFormat, options: ReadOptions): Promise<void> {
  const read = await readWholeFile(walked.path, MAX_FILE_BYTES, options);
  parsed.digest = read;
  if (read.bytes === 0) throw new FileProblem('file is empty');
  if (read.content === null) {
    throw new FileProblem(
      `file is ${megabytes(read.bytes)}, over the ${megabytes(MAX_FILE_BYTES)} limit for a one-article file; not loaded`,
    );
  }
  const text = decodeText(read.content);
  const validation = validateArticle(format.parse(text, walked.file));
  if (!validation.ok) throw new FileProblem(validation.reason);
  parsed.articles.push({ article: loaded(walked.file, validation.article, undefined), line: undefined });
}

async function readLineFile(parsed: ParsedFile, walked: WalkedFile, format: LineFormat, options: ReadOptions): Promise<void> {
  // Articles are held back until the whole file has been read, so a file that fails half way
  // contributes nothing rather than a random prefix.
  const good: ParsedFile['articles'] = [];
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
        if (validation.ok) good.push({ article: loaded(walked.file, validation.article, line.number), line: line.number });
        else bad.push({ file: walked.file, line: line.number, reason: validation.reason });
      } catch (error) {
        if (!(error instanceof FileProblem)) throw error;
        nonBlankLines++;
        bad.push({ file: walked.file, line: line.number, reason: error.reason });
      }
    },
    options,
  );
  parsed.digest = read;
  if (read.bytes === 0) throw new FileProblem('file is empty');
  if (read.binary) throw new FileProblem('file looks binary (it contains NUL bytes), not JSON Lines text');
  if (nonBlankLines === 0) throw new FileProblem('file has only blank lines, no articles');
  parsed.articles = good;
  parsed.rejections = bad;
}

/** Accumulates a load in file order and enforces "first id wins" across files and lines. */
class CorpusBuilder {
  private readonly articles: LoadedArticle[] = [];
  private readonly rejected: Rejection[] = [];
  private readonly files: CorpusFile[] = [];
  private readonly parsed = new Map<string, ParsedFile>();
  /** Where each id decided here was first seen: every id, or with a {@link Recheck} only those it names. */
  private readonly firstOrigin = new Map<string, LoadedArticle['origin']>();
  private readonly duplicates: DuplicateCopies = new Map();

  constructor(private readonly root: string) {}

  get articleCount(): number {
    return this.articles.length;
  }

  reject(rejection: Rejection): void {
    this.rejected.push(rejection.line === undefined ? { file: rejection.file, reason: rejection.reason } : rejection);
  }

  /**
   * Adds what one file yielded. A file that could not be opened at all has no digest and is not
   * part of the fingerprint. With `recheck`, only its ids are looked up; every other article's
   * fate is the previous load's.
   */
  async addParsed(file: string, parsed: ParsedFile, slice: Slice, recheck: Recheck | null): Promise<void> {
    this.parsed.set(file, parsed);
    for (const rejection of parsed.rejections) this.reject(rejection);
    if (parsed.digest.sha256 === '') return;
    const record: CorpusFile = { file, bytes: parsed.digest.bytes, sha256: parsed.digest.sha256, articleIds: [] };
    this.files.push(record);
    const rejectedBefore = recheck?.duplicates.get(parsed);
    // One JSON Lines file may hold hundreds of thousands of articles: let answers through meanwhile.
    for (let i = 0; i < parsed.articles.length; i += 1) {
      const article = parsed.articles[i]!.article;
      if (recheck === null || (recheck.ids.has(article.id))) this.accept(record, parsed, i, article);
      else {
        const rejection = rejectedBefore?.get(i);
        if (rejection) this.rejectCopy(parsed, i, rejection);
        else this.keep(record, article);
      }
      if ((i & 0x3ff) === 0x3ff) await slice.pauseIfDue();
    }
  }

  private accept(record: CorpusFile, parsed: ParsedFile, index: number, article: LoadedArticle): void {
    const first = this.firstOrigin.get(article.id);
    if (first) {
      const where = first.line === undefined ? `"${first.file}"` : `"${first.file}" line ${first.line}`;
      this.rejectCopy(parsed, index, { ...article.origin, reason: `id "${article.id}" is already used by ${where}; the first one is kept` });
      return;
    }
    this.firstOrigin.set(article.id, article.origin);
    this.keep(record, article);
  }

  private keep(record: CorpusFile, article: LoadedArticle): void {
    this.articles.push(article);
    record.articleIds.push(article.id);
  }

  private rejectCopy(parsed: ParsedFile, index: number, rejection: Rejection): void {
    this.reject(rejection);
    let copies = this.duplicates.get(parsed);
    if (!copies) this.duplicates.set(parsed, (copies = new Map()));
    copies.set(index, rejection);
  }

  finish(): CorpusLoad {
    const rejected = [...this.rejected].sort(
      (a, b) => compareRelativePaths(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
    );
    const load: CorpusLoad = {
      dir: this.root,
      articles: this.articles,
      rejected,
      files: this.files,
      fingerprint: corpusFingerprint(this.files),
    };
    Object.defineProperty(load, PARSED_FILES, { value: this.parsed, enumerable: false });
    Object.defineProperty(load, DUPLICATES, { value: this.duplicates, enumerable: false });
    return load;
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}
