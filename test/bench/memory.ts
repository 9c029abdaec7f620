// Peak resident memory of this process while a piece of work runs, sampled often enough to catch
// short spikes (garbage collection returns memory quickly, so the peak is what matters).
export async function withPeakRss<T>(
  work: () => Promise<T>,
  everyMs = 20,
): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMb: Math.round((peak / 1024 / 1024) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}
