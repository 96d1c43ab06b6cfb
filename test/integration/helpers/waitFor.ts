// Bounded polling for asynchronous editor state (diagnostics, CodeLens): the wait ends as soon as
// the condition holds, and fails with what was last seen when it never does.
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Resolves with the first value the probe returns other than undefined / false. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions & { describe?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) {
      const seen = options.describe ? ` Last seen: ${options.describe()}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
