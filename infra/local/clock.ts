/**
 * The local cloud's clock. `real` follows the wall clock (npm start); `manual` stands still until a test moves it.
 * Timers (task timeouts, heartbeats, schedules) are kept here rather than in setTimeout, so moving the clock fires
 * everything that fell due, in order, without sleeping.
 */
interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fire: () => void;
}

export class LocalClock {
  private offsetMs = 0;
  private manualNow: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly mode: 'real' | 'manual',
    start: Date = new Date(),
  ) {
    this.manualNow = start.getTime();
    if (mode === 'real') {
      // Wall-clock time moves by itself; a one-second tick fires what fell due.
      this.ticker = setInterval(() => this.fireDue(), 1000);
      this.ticker.unref();
    }
  }

  now(): number {
    return this.mode === 'manual' ? this.manualNow : Date.now() + this.offsetMs;
  }

  /** Moves time forward and fires every timer that falls due, earliest first. */
  advance(ms: number): void {
    if (ms < 0) throw new Error('The clock only moves forward');
    if (this.mode === 'manual') this.manualNow += ms;
    else this.offsetMs += ms;
    this.fireDue();
  }

  /** Moves time to an instant (not backwards). */
  advanceTo(instant: Date): void {
    this.advance(Math.max(0, instant.getTime() - this.now()));
  }

  at(instant: number, fire: () => void): number {
    const timer = { id: this.nextId++, at: instant, fire };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
    return timer.id;
  }

  cancel(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.timers = [];
  }

  private fireDue(): void {
    const now = this.now();
    while (this.timers.length > 0 && this.timers[0]!.at <= now) {
      const timer = this.timers.shift()!;
      timer.fire();
    }
  }
}
