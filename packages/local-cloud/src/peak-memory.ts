/** How often the resident set size is sampled, in real milliseconds. */
const SAMPLE_INTERVAL_MS = 250;

/**
 * The peak resident set size of this process while it runs the local cloud: its services, and
 * every function instance, since instances are worker threads of the same process.
 */
export class PeakMemory {
  private peakBytes = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  /** The highest RSS seen so far, in bytes (sampled every 250 ms and on every call). */
  get bytes(): number {
    this.sample();
    return this.peakBytes;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage.rss());
  }
}
