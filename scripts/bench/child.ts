import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RESULT_MARK } from './result.js';

export interface ChildOptions {
  /** V8 old-space limit for the child, in MB. */
  heapMb: number;
  /** Write a V8 CPU profile of the child to os.tmpdir()/quotedesk-bench-prof/. */
  cpuProfile?: string;
}

/**
 * Runs one measuring script in a fresh Node process (so its peak RSS and heap are its own) and
 * returns the object it printed after {@link RESULT_MARK}. Throws with the exit code or signal
 * when it dies, e.g. out of memory.
 */
export async function runChild<T>(script: string, args: string[], options: ChildOptions): Promise<T> {
  const flags = await nodeFlags(options);
  const child = spawn(process.execPath, [...flags, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`${path.basename(script)} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`);
  return JSON.parse(line.slice(RESULT_MARK.length)) as T;
}

/** Runs a script in a fresh Node process with its output passed through. */
export async function runScript(script: string, args: string[], options: ChildOptions): Promise<void> {
  const child = spawn(process.execPath, [...(await nodeFlags(options)), script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${path.basename(script)} exited with code ${code}`);
}

async function nodeFlags(options: ChildOptions): Promise<string[]> {
  const flags = ['--expose-gc', `--max-old-space-size=${options.heapMb}`, '--import', 'tsx'];
  if (options.cpuProfile) {
    const profDir = path.join(tmpdir(), 'quotedesk-bench-prof');
    await mkdir(profDir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${options.cpuProfile}-${Date.now()}.cpuprofile`);
    process.stderr.write(`bench: CPU profile of ${options.cpuProfile} → ${profDir}\n`);
  }
  return flags;
}
