/**
 * Waits for `work` at most `ms`; true if it settled in time. The work is not cancelled (discord.js
 * REST calls take no signal): shutdown uses this to stop waiting, not to stop the work, and the
 * timer never keeps the process alive by itself.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
    timer.unref();
  });
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
