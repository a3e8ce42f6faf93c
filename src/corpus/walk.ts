import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, errorCode } from './fs-errors.js';
import { MAX_FOLDER_DEPTH } from './limits.js';
import { compareNames, compareRelativePaths, joinRelative } from './paths.js';
import type { Rejection } from './rejection.js';

/** A file found under the corpus folder, not yet opened. */
export interface WalkedFile {
  /** Relative to the corpus folder, forward slashes. */
  file: string;
  /** Absolute path to open. */
  path: string;
}

/** Everything found under a corpus folder: files in stable order, plus what could not be walked. */
export interface CorpusWalk {
  files: WalkedFile[];
  problems: Rejection[];
}

/**
 * Lists every file under `root` (an absolute, existing folder), recursively, in
 * {@link compareRelativePaths} order. Hidden names (starting with ".") are skipped silently.
 * Symbolic links are followed, but each real folder and each real file is visited once: a link
 * back to an enclosing folder is reported as a loop and a second link to something already
 * listed is reported and skipped, so a corpus can never be walked forever or read twice.
 * Errors on the root folder itself are thrown (the caller decides what a missing corpus means);
 * errors anywhere below it become {@link Rejection}s.
 */
export async function walkCorpus(root: string, signal?: AbortSignal): Promise<CorpusWalk> {
  const walk: CorpusWalk = { files: [], problems: [] };
  const rootReal = await realpath(root);
  const entries = await readdir(root, { withFileTypes: true });
  const state: WalkState = { walk, signal, seen: new Map([[rootReal, '']]) };
  await visitEntries(state, { abs: root, rel: '', real: rootReal, depth: 0, ancestors: new Set([rootReal]) }, entries);
  walk.files.sort((a, b) => compareRelativePaths(a.file, b.file));
  return walk;
}

interface WalkState {
  walk: CorpusWalk;
  signal: AbortSignal | undefined;
  /** Real path → the relative path it was first listed under, for folders and files alike. */
  seen: Map<string, string>;
}

interface Folder {
  abs: string;
  rel: string;
  real: string;
  depth: number;
  /** Real paths of this folder and every folder above it: a link to one of these is a loop. */
  ancestors: Set<string>;
}

async function visitEntries(state: WalkState, folder: Folder, entries: Dirent[]): Promise<void> {
  const names = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => compareNames(a.name, b.name));
  for (const entry of names) {
    state.signal?.throwIfAborted();
    const rel = joinRelative(folder.rel, entry.name);
    const abs = path.join(folder.abs, entry.name);
    const kind = await kindOf(state, entry, rel, abs);
    if (kind === 'file') await visitFile(state, folder, entry, rel, abs);
    else if (kind === 'folder') await visitFolder(state, folder, entry, rel, abs);
  }
}

async function kindOf(state: WalkState, entry: Dirent, rel: string, abs: string): Promise<'file' | 'folder' | null> {
  if (!entry.isSymbolicLink()) return classify(state, rel, entry);
  let target: Stats;
  try {
    target = await stat(abs);
  } catch (error) {
    const reason =
      errorCode(error) === 'ENOENT'
        ? 'is a symbolic link to something that does not exist'
        : describeFsError(error);
    state.walk.problems.push({ file: rel, reason });
    return null;
  }
  return classify(state, rel, target);
}

function classify(state: WalkState, rel: string, info: Dirent | Stats): 'file' | 'folder' | null {
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'folder';
  // Sockets, pipes and devices: reading a pipe would block the reload forever.
  state.walk.problems.push({ file: rel, reason: 'is not a regular file or folder (a pipe, socket or device)' });
  return null;
}

async function visitFile(state: WalkState, folder: Folder, entry: Dirent, rel: string, abs: string): Promise<void> {
  let real: string;
  try {
    real = entry.isSymbolicLink() ? await realpath(abs) : path.join(folder.real, entry.name);
  } catch (error) {
    state.walk.problems.push({ file: rel, reason: describeFsError(error) });
    return;
  }
  const first = state.seen.get(real);
  if (first !== undefined) {
    state.walk.problems.push({ file: rel, reason: `is the same file as "${first}", which is already read; skipped` });
    return;
  }
  state.seen.set(real, rel);
  state.walk.files.push({ file: rel, path: abs });
}

async function visitFolder(state: WalkState, parent: Folder, entry: Dirent, rel: string, abs: string): Promise<void> {
  const folderRel = `${rel}/`;
  let real: string;
  let entries: Dirent[];
  try {
    real = entry.isSymbolicLink() ? await realpath(abs) : path.join(parent.real, entry.name);
    if (parent.ancestors.has(real)) {
      const target = state.seen.get(real) ?? '';
      state.walk.problems.push({
        file: folderRel,
        reason: `symbolic link loop: it leads back to ${target === '' ? 'the corpus folder itself' : `"${target}/"`}; not followed`,
      });
      return;
    }
    const first = state.seen.get(real);
    if (first !== undefined) {
      state.walk.problems.push({ file: folderRel, reason: `is the same folder as "${first}/", which is already read; skipped` });
      return;
    }
    if (parent.depth + 1 > MAX_FOLDER_DEPTH) {
      state.walk.problems.push({ file: folderRel, reason: `is nested more than ${MAX_FOLDER_DEPTH} folders deep; not read` });
      return;
    }
    state.seen.set(real, rel);
    entries = await readdir(abs, { withFileTypes: true });
  } catch (error) {
    state.walk.problems.push({ file: folderRel, reason: `folder ${describeFsError(error)}` });
    return;
  }
  const ancestors = new Set(parent.ancestors).add(real);
  await visitEntries(state, { abs, rel, real, depth: parent.depth + 1, ancestors }, entries);
}
