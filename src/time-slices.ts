/**
 * Long computations on the serving process (a reload's extraction, indexing, joining) run in
 * slices and let the event loop through between them, so answers keep flowing while a new corpus
 * is built. A computation written as a generator yields wherever it may pause; these run it.
 */

/** Runs a generator to its end at once (for callers with nothing else to serve). */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Runs a generator to its end, letting the event loop through whenever `sliceMs` has passed. */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  const slice = new Slice(sliceMs);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await slice.pauseIfDue();
  }
}

/** Lets answers through: a build's caller decides when (a time slice) and how (the event loop). */
export type Pause = () => Promise<void>;

/** Runs a generator to its end, awaiting `pause` at each of its steps. */
export async function runPaused<T>(steps: Generator<void, T>, pause: Pause): Promise<T> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
  }
}

/** A time slice for loops that are not generators: call {@link pauseIfDue} between pieces of work. */
export class Slice {
  private started = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Lets the event loop through if this slice has run `sliceMs`, then starts the next one. */
  async pauseIfDue(): Promise<void> {
    if (performance.now() - this.started <= this.sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
