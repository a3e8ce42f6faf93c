import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { SpeakerReportSchema, type SpeakerReport } from './speaker-report.js';

/** Thrown when a report could not be written; the report is kept and written with the next one. */
export class ReportWriteError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`could not write to ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ReportWriteError';
  }
}

/**
 * The append-only JSON Lines file of speaker reports. Appends are queued one at a time in this
 * process, and each report is a single `O_APPEND` write of one line, so concurrent reports (and
 * several bot processes on one machine) never interleave within a line. A failed write loses
 * nothing: the report stays queued in memory (and is logged in full), and is written before the
 * next one, or at shutdown.
 */
export class SpeakerReportLog {
  private queue: Promise<void> = Promise.resolve();
  private readonly unsaved: SpeakerReport[] = [];

  constructor(
    readonly file: string,
    private readonly logger?: Logger,
  ) {}

  /** Appends `report` (after any reports an earlier failure left unsaved). Throws {@link ReportWriteError} when the file cannot be written. */
  append(report: SpeakerReport): Promise<void> {
    const checked = SpeakerReportSchema.parse(report);
    this.unsaved.push(checked);
    return this.enqueue(() => this.writeUnsaved());
  }

  /** Tries once more to write reports a failure left in memory (shutdown). */
  flush(): Promise<void> {
    return this.enqueue(() => this.writeUnsaved()).catch((error: unknown) => {
      this.logger?.error({ err: error, unsaved: this.unsaved }, 'speaker reports could not be saved at shutdown; they are in this log line');
    });
  }

  /** Reports waiting in memory for the file to be writable. */
  get unsavedCount(): number {
    return this.unsaved.length;
  }

  /**
   * Every report, from the file and any still unsaved. A line that is not a valid report (a
   * hand edit gone wrong) is skipped and counted, never fatal. A missing file means no reports.
   */
  async readAll(): Promise<{ reports: SpeakerReport[]; badLines: number }> {
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const reports: SpeakerReport[] = [];
    let badLines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = SpeakerReportSchema.safeParse(JSON.parse(line));
        if (parsed.success) reports.push(parsed.data);
        else badLines += 1;
      } catch {
        badLines += 1;
      }
    }
    return { reports: [...reports, ...this.unsaved], badLines };
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeUnsaved(): Promise<void> {
    // Reports appended while this write is in flight wait for the next one.
    const count = this.unsaved.length;
    if (count === 0) return;
    const lines = this.unsaved.slice(0, count).map((report) => `${JSON.stringify(report)}\n`).join('');
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, lines, { encoding: 'utf8', flag: 'a' });
    } catch (error) {
      this.logger?.error({ err: error, file: this.file, unsaved: this.unsaved }, 'could not write speaker reports; kept in memory and in this log line');
      throw new ReportWriteError(this.file, error);
    }
    this.unsaved.splice(0, count);
  }
}
