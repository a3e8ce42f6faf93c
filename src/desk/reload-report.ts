import type { Rejection } from '../corpus/load.js';

/** What a load or reload did, for the moderator who asked and for the logs. */
export interface ReloadReport {
  versionId: string;
  previousVersionId: string | null;
  articles: number;
  quotes: number;
  speakers: number;
  durationMs: number;
  /** Wall time of each step: `read` (walking and reading the folder), then the build's steps that ran. */
  stagesMs: Record<string, number>;
  /** True when quotes and index came from the start-up snapshot instead of being rebuilt. */
  fromSnapshot: boolean;
  /** Articles whose quotes were extracted by this load (new or changed); the rest were kept. */
  extracted: number;
  /** The corpus folder read, absolute: where to look when nothing loaded. */
  corpusDir: string;
  /** Article ids new in this version, changed since the previous one, and gone from it. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Every file or line that was not loaded, with the reason. */
  rejected: Rejection[];
  /** The file holding the whole list of {@link rejected}, one per line, when one was written. */
  rejectionListFile: string | null;
}

export type ReloadResult =
  | { status: 'reloaded'; report: ReloadReport }
  /** Nothing changed: the previous version keeps serving. */
  | {
      status: 'failed';
      reason: string;
      rejected: Rejection[];
      servingVersion: string;
      /** The whole list of {@link rejected} when one was written (a folder whose every file was refused). */
      rejectionListFile?: string | null;
    }
  /** Another reload was running and the caller asked not to wait for it. */
  | { status: 'busy' };
