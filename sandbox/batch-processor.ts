import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { SandboxContext } from './context.js';
import type { ProfileRecord } from './profile-record.js';
import { lineAt, lineNumberAt } from './batch-text.js';
import { idleCutoff, liveProfile } from './profile-lifetime.js';
import { applyCells, keyProblem, type RowOutcome } from './row-apply.js';
import type { BatchRecord, StoreOp } from './store.js';

const MAX_TIMER_MS = 2_000_000_000;

/** One computed chunk: the batch after it, its store ops, the profiles it writes, and the text line the next chunk starts at. */
interface ChunkStep {
  readonly next: BatchRecord;
  readonly ops: StoreOp[];
  readonly written: Map<string, ProfileRecord>;
  readonly line: number;
}

/**
 * Moves accepted batches from `incomplete` to `complete` (or `stuck`), one batch at a time, in chunks.
 * Each chunk's profile writes, per-row entries and the batch's new offset and counters go to the store
 * in one atomic write, so a crash at any point resumes after the last chunk written: every row is
 * applied exactly once.
 */
export class BatchProcessor {
  private readonly queue: string[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly ctx: SandboxContext) {}

  /** Schedules processing of an `incomplete` batch at its `dueAt`. */
  schedule(rec: BatchRecord): void {
    if (this.closed || rec.state !== 'incomplete') return;
    const wait = rec.dueAt - Date.now();
    if (wait <= 0) {
      this.enqueue(rec.id);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(rec.id);
      this.schedule(rec);
    }, Math.min(wait, MAX_TIMER_MS));
    this.timers.set(rec.id, timer);
  }

  /** Re-schedules every batch left `incomplete` by an earlier run (after a restart or a crash). */
  async resumeAll(): Promise<number> {
    const pending = await this.ctx.store.incompleteBatches();
    await this.removeOrphanTexts(new Set(pending.map((rec) => this.ctx.batchTextPath(rec.id))));
    for (const rec of pending) this.schedule(rec);
    return pending.length;
  }

  /** Deletes batch texts no incomplete batch needs (left by a crash between two steps). */
  private async removeOrphanTexts(keep: ReadonlySet<string>): Promise<void> {
    const dir = dirname(this.ctx.batchTextPath('x'));
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      if (!keep.has(path)) await rm(path, { force: true });
    }
  }

  /** Processes `batchId` now, skipping any remaining delay (admin "finish now"). */
  expedite(batchId: string): void {
    const t = this.timers.get(batchId);
    if (t) {
      clearTimeout(t);
      this.timers.delete(batchId);
    }
    this.enqueue(batchId);
  }

  /** Stops scheduling and waits for the chunk in progress to be written. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.running;
  }

  private enqueue(id: string): void {
    if (!this.queue.includes(id)) this.queue.push(id);
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    }
  }

  private async drain(): Promise<void> {
    while (!this.closed && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      try {
        await this.process(id);
      } catch (err) {
        this.ctx.log(`batch ${id}: processing failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private async process(id: string): Promise<void> {
    let rec = await this.ctx.store.getBatch(id);
    if (!rec || rec.state !== 'incomplete') return;
    const path = this.ctx.batchTextPath(id);
    if (rec.willStick) {
      await this.ctx.store.write([{ type: 'batch', value: { ...rec, state: 'stuck', completedAt: Date.now() } }]);
      await rm(path, { force: true });
      return;
    }
    const text = await readFile(path, 'utf8');
    const settings = this.ctx.settingsFor(rec.client);
    const seen = settings.duplicateKeys === 'firstWins' ? this.keysBefore(text, rec) : undefined;
    // Pipelined: chunk N+1 is read and computed while chunk N's write is in flight. Writes still land
    // one after another, in order; lookups for chunk N+1 see chunk N's profiles through `inFlight`.
    let writing: Promise<void> = Promise.resolve();
    let inFlight = new Map<string, ProfileRecord>();
    let line = lineNumberAt(text, rec.offset);
    try {
      while (!this.closed && rec.offset < text.length) {
        const step = await this.chunk(rec, text, seen, inFlight, line);
        await writing;
        writing = this.ctx.store.write(step.ops);
        inFlight = step.written;
        rec = step.next;
        line = step.line;
        await yieldToLoop();
      }
    } finally {
      await writing;
    }
    if (this.closed) return;
    await this.ctx.store.write([{ type: 'batch', value: { ...rec, state: 'complete', completedAt: Date.now() } }]);
    await rm(path, { force: true });
    this.ctx.log(`batch ${id}: complete (${rec.counters.consumedCount}/${rec.batchSize} rows)`);
  }

  /** Keys of rows already processed (needed for `firstWins` after a resume). */
  private keysBefore(text: string, rec: BatchRecord): Set<string> {
    const seen = new Set<string>();
    const bodyStart = lineAt(text, 0, false).next;
    for (let off = bodyStart; off < rec.offset; ) {
      const { line, next } = lineAt(text, off, this.ctx.settingsFor(rec.client).stripTrailingCr);
      if (line !== '') seen.add(line.split(',', 1)[0] as string);
      off = next;
    }
    return seen;
  }

  /**
   * Computes one chunk starting at 1-based text line `firstLine`: its store ops (ending with the batch's
   * new offset and counters), without writing them, and the line the next chunk starts at.
   */
  private async chunk(
    rec: BatchRecord,
    text: string,
    seen: Set<string> | undefined,
    inFlight: ReadonlyMap<string, ProfileRecord>,
    firstLine: number,
  ): Promise<ChunkStep> {
    const settings = this.ctx.settingsFor(rec.client);
    const now = this.ctx.now(rec.client);
    const cutoff = idleCutoff(settings, now);
    const rows: { key: string; cells: string[]; line: number }[] = [];
    let offset = rec.offset;
    let line = firstLine;
    const stripCr = settings.stripTrailingCr;
    while (rows.length < settings.chunkRows && offset < text.length) {
      let end = text.indexOf('\n', offset);
      if (end < 0) end = text.length;
      const last = stripCr && end > offset && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (last > offset) {
        const cells = text.slice(offset, last).split(',');
        rows.push({ key: cells[0] as string, cells, line });
      }
      offset = end + 1;
      line++;
    }
    const counters = { ...rec.counters };
    const ops: StoreOp[] = [];
    let rowEntries = rec.rowEntries;
    const listRow = (id: string, status: string) => {
      ops.push({ type: 'rowEntry', batchId: rec.id, index: rowEntries++, id, status });
    };
    const count = (outcome: RowOutcome) => {
      counters.consumedCount++;
      if (outcome === 'success') counters.successfulUpdates++;
      else if (outcome === 'notFound') counters.profilesNotFound++;
      else counters.failedUpdates++;
    };
    if (rec.allEmpty) {
      // A batch whose every value is empty is skipped as a whole: it completes with zero updates.
      return this.finish(rec, offset, line, counters, rowEntries, ops, new Map());
    }
    const keys = [...new Set(rows.map((r) => r.key).filter((k) => keyProblem(rec.keyKind, k, settings) === undefined && !inFlight.has(k)))];
    const found = await this.ctx.store.getProfiles(rec.client, rec.keyKind, keys);
    const known = new Map<string, ProfileRecord | undefined>(inFlight);
    keys.forEach((k, i) => known.set(k, found[i]));
    const dirty = new Set<string>();
    const applyCtx = { version: rec.version, batchId: rec.id, now, settings };
    for (const row of rows) {
      if (keyProblem(rec.keyKind, row.key, settings) !== undefined) {
        count('failed');
        if (rec.version === 2) listRow(row.key, 'failed');
        continue;
      }
      if (seen) {
        if (seen.has(row.key)) {
          count('success');
          continue;
        }
        seen.add(row.key);
      }
      // A profile idle past profileIdleExpiryDays is gone: v1 finds nothing, v2 starts a fresh one.
      const result = applyCells(liveProfile(known.get(row.key), cutoff), rec.header, row.cells, applyCtx);
      count(result.outcome);
      if (rec.version === 2 && (result.outcome === 'failed' || settings.v2ListSuccesses)) listRow(row.key, result.outcome === 'failed' ? 'failed' : 'success');
      if (!result.next) continue;
      if (settings.faults.dropRowRate > 0 && this.ctx.random() < settings.faults.dropRowRate) {
        ops.push({ type: 'droppedRow', client: rec.client, row: { batchId: rec.id, keyKind: rec.keyKind, id: row.key, line: row.line } });
        continue;
      }
      known.set(row.key, result.next);
      dirty.add(row.key);
    }
    const written = new Map<string, ProfileRecord>();
    for (const key of dirty) {
      const value = known.get(key) as ProfileRecord;
      written.set(key, value);
      ops.push({ type: 'profile', client: rec.client, keyKind: rec.keyKind, id: key, value });
    }
    return this.finish(rec, offset, line, counters, rowEntries, ops, written);
  }

  private finish(
    rec: BatchRecord,
    offset: number,
    line: number,
    counters: BatchRecord['counters'],
    rowEntries: number,
    ops: StoreOp[],
    written: Map<string, ProfileRecord>,
  ): ChunkStep {
    const next: BatchRecord = { ...rec, offset, counters, rowEntries };
    ops.push({ type: 'batch', value: next });
    return { next, ops, written, line };
  }
}
