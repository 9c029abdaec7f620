// Callers waiting for a concurrency slot sleep until their next look at Redis, but a call finishing in
// this process wakes the longest-waiting one at once: no one polls for a slot freed next door. Slots
// freed by other processes are found on the next look.
export class SlotWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  sleep(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? new Set<() => void>();
      this.waiting.set(key, queue);
      const wake = () => {
        clearTimeout(timer);
        queue.delete(wake);
        if (queue.size === 0 && this.waiting.get(key) === queue) this.waiting.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      queue.add(wake);
    });
  }

  wakeOne(key: string): void {
    const first = this.waiting.get(key)?.values().next();
    if (first && !first.done) first.value();
  }
}
