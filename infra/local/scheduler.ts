import type { ScheduleDeclaration } from '../topology-model';
import type { LocalClock } from './clock';
import { parseScheduleExpression } from './schedule-expression';

export interface Firing {
  readonly schedule: string;
  readonly at: string;
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * EventBridge Scheduler on one machine: each schedule's next fire time is a timer on the local clock, so a test
 * that moves the clock by a day sees exactly the firings of that day. Expressions are evaluated in Asia/Shanghai.
 */
export class LocalScheduler {
  readonly firings: Firing[] = [];
  private readonly timers: number[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly schedules: readonly ScheduleDeclaration[],
    private readonly clock: LocalClock,
    private readonly invoke: (functionName: string, input: unknown) => Promise<unknown>,
  ) {
    const start = new Date(clock.now());
    for (const declaration of schedules) {
      const schedule = parseScheduleExpression(declaration.expression, 'Asia/Shanghai', { start });
      const arm = (after: Date) => {
        const next = schedule.next(after);
        if (!next) return;
        this.timers.push(
          clock.at(next.getTime(), () => {
            // A clock that jumps (tests, a laptop waking up) fires a schedule once for every occurrence it passed,
            // as a sweep catches up; firing a year of hourly runs one by one would only repeat the same work.
            let last = next;
            let covered = 1;
            for (let more = schedule.next(last); more && more.getTime() <= clock.now(); more = schedule.next(last)) {
              last = more;
              covered++;
            }
            this.fire(declaration, last, covered);
            arm(last);
          }),
        );
      };
      arm(start);
    }
  }

  names(): string[] {
    return this.schedules.map((s) => s.name);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  stop(): void {
    for (const id of this.timers) this.clock.cancel(id);
  }

  private fire(declaration: ScheduleDeclaration, at: Date, covered: number): void {
    const run = this.invoke(declaration.target.function, {
      ...declaration.input,
      scheduledAt: at.toISOString(),
      schedule: declaration.name,
      ...(covered > 1 ? { coveredRuns: covered } : {}),
    })
      .then(() => void this.firings.push({ schedule: declaration.name, at: at.toISOString(), ok: true }))
      .catch(
        (error: Error) =>
          void this.firings.push({ schedule: declaration.name, at: at.toISOString(), ok: false, error: error.message }),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }
}
