/**
 * Samples this thread's event-loop delay (`monitorEventLoopDelay`) over a whole run and over each named
 * step of it, in milliseconds. The figures include the sampling interval itself, as Node reports them.
 */
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

export interface DelayFigures {
  readonly p99: number;
  readonly max: number;
}

export interface StepFigures extends DelayFigures {
  readonly name: string;
  readonly seconds: number;
}

const ms = (ns: number): number => ns / 1e6;

export class LoopDelayProbe {
  private readonly total: IntervalHistogram;
  readonly steps: StepFigures[] = [];

  /** Starts sampling every `resolutionMs`. */
  constructor(private readonly resolutionMs: number) {
    this.total = monitorEventLoopDelay({ resolution: resolutionMs });
    this.total.enable();
  }

  /** Runs `work` as the step `name`, recording its own p99 and max delay and its duration. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const h = monitorEventLoopDelay({ resolution: this.resolutionMs });
    h.enable();
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      h.disable();
      this.steps.push({ name, seconds: (performance.now() - t0) / 1000, p99: ms(h.percentile(99)), max: ms(h.max) });
    }
  }

  /** Stops sampling; the figures over the whole run. */
  stop(): DelayFigures {
    this.total.disable();
    return { p99: ms(this.total.percentile(99)), max: ms(this.total.max) };
  }
}
