/**
 * Samples this thread's event-loop delay (`monitorEventLoopDelay`) over a whole run and over each named
 * step of it, in milliseconds. The figures include the sampling interval itself, as Node reports them.
 */
import { spawn } from 'node:child_process';
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

/**
 * Starts an idle Node process that samples its own event-loop delay the same way: the side-by-side
 * control, since on a shared machine a thread that does nothing also waits for a CPU now and then.
 * `stop()` resolves with its figures.
 */
export function startControlProbe(resolutionMs: number): { stop(): Promise<DelayFigures> } {
  const script = `const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: ${resolutionMs} }); h.enable();
process.stdin.resume(); process.stdin.on('end', () => { h.disable(); process.stdout.write(JSON.stringify({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 })); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        child.once('exit', () => {
          try {
            resolve(JSON.parse(out) as DelayFigures);
          } catch (error) {
            reject(error as Error);
          }
        });
        child.stdin.end();
      }),
  };
}
