// Test support: a worker that lowers its own priority and says so, with its thread id, then waits.
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../thread-priority.js';

const lowered = lowerThreadPriority();
const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
parentPort?.postMessage({ lowered, tid });
setInterval(() => undefined, 1000);
