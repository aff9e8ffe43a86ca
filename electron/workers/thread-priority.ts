import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value background workers take: below the main thread, which answers the window. */
export const WORKER_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority to `nice` (Linux keeps a nice value per
 * thread), so that when the CPU is short the main thread — which answers every call and event of the
 * window — runs before background work, and the worker uses whatever the main thread leaves. Returns
 * whether it did; elsewhere (macOS, Windows), or when the system refuses, nothing changes.
 */
export function lowerThreadPriority(nice: number = WORKER_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // `/proc/thread-self` names this thread: `<pid>/task/<tid>`.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
