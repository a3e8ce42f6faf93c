/** One line of a file: its bytes, or only its length when it was too long to keep. */
export type Line = { number: number; bytes: Buffer } | { number: number; tooLongBytes: number };

const NEWLINE = 0x0a;

/**
 * Cuts a stream of byte chunks into lines at `\n`, numbering them from 1. A line longer than
 * `maxLineBytes` is not accumulated: its bytes are dropped as they arrive and only its length is
 * reported, so one enormous line cannot exhaust memory.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private tooLong = false;
  private lineNumber = 1;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: Line) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) {
        this.append(chunk.subarray(start));
        return;
      }
      this.append(chunk.subarray(start, newline));
      this.emit();
      start = newline + 1;
    }
  }

  /** Emits the last line if the file did not end with `\n`. */
  end(): void {
    if (this.pendingBytes > 0 || this.tooLong) this.emit();
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.tooLong) return;
    if (this.pendingBytes > this.maxLineBytes) {
      this.tooLong = true;
      this.pending = [];
      return;
    }
    this.pending.push(part);
  }

  private emit(): void {
    const number = this.lineNumber++;
    if (this.tooLong) this.onLine({ number, tooLongBytes: this.pendingBytes });
    else this.onLine({ number, bytes: this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes) });
    this.pending = [];
    this.pendingBytes = 0;
    this.tooLong = false;
  }
}
