import { describe, expect, it } from 'vitest';
import { maxCallsInAnyWindow, RateWindow } from './rate-window.js';

/** Drives the window with a fake clock: each call starts at the earliest slot the window allows. */
function drive(window: RateWindow, calls: number, start = 0): number[] {
  const stamps: number[] = [];
  let now = start;
  for (let i = 0; i < calls; i++) {
    now = window.nextSlot(now);
    window.record(now);
    stamps.push(now);
  }
  return stamps;
}

describe('RateWindow', () => {
  it('lets the first `limit` calls through at once, then spaces the rest a window apart', () => {
    const w = new RateWindow({ limit: 50, windowMs: 60_000 });
    const stamps = drive(w, 120);
    expect(stamps.slice(0, 50).every((t) => t === 0)).toBe(true);
    expect(stamps[50]).toBe(60_000);
    expect(stamps[100]).toBe(120_000);
    expect(maxCallsInAnyWindow(stamps, 60_000)).toBe(50);
  });

  it('never allows more than limit calls in any window, whatever the arrival pattern', () => {
    const w = new RateWindow({ limit: 7, windowMs: 1000 });
    const stamps: number[] = [];
    let now = 0;
    for (let i = 0; i < 500; i++) {
      now += (i * 7919) % 97; // irregular arrivals
      const at = w.nextSlot(now);
      w.record(at);
      stamps.push(at);
      now = at;
    }
    expect(maxCallsInAnyWindow(stamps, 1000)).toBeLessThanOrEqual(7);
    expect(maxCallsInAnyWindow(stamps, 1000)).toBe(7);
  });

  it('holds every call until a throttle block ends, and never shortens a block', () => {
    const w = new RateWindow({ limit: 5, windowMs: 1000 });
    w.blockUntil(10_000);
    w.blockUntil(5_000);
    expect(w.nextSlot(0)).toBe(10_000);
    expect(w.nextSlot(12_000)).toBe(12_000);
  });

  it('counts only calls inside the window', () => {
    const w = new RateWindow({ limit: 5, windowMs: 1000 });
    w.record(0);
    w.record(500);
    expect(w.countInWindow(900)).toBe(2);
    expect(w.countInWindow(1200)).toBe(1);
  });

  it('counts a settled call from its end, so a slow call pushes the next slot later', () => {
    const w = new RateWindow({ limit: 2, windowMs: 1000 });
    const a = w.record(0);
    w.record(10);
    expect(w.nextSlot(20)).toBe(1000);
    w.settle(a, 400); // the first call took 400 ms: the server may have counted it at 400
    expect(w.nextSlot(20)).toBe(1010);
    w.settle(a, 100); // never moves earlier
    expect(w.nextSlot(20)).toBe(1010);
  });

  it('refuses a limit below 1', () => {
    expect(() => new RateWindow({ limit: 0, windowMs: 1000 })).toThrow();
  });
});

describe('maxCallsInAnyWindow', () => {
  it('finds the densest window', () => {
    expect(maxCallsInAnyWindow([0, 10, 20, 1005, 1010], 1000)).toBe(3);
    expect(maxCallsInAnyWindow([0, 999, 1000], 1000)).toBe(2);
  });
});
