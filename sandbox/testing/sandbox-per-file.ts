// One sandbox shared by every test in a file: started before the first test, closed after the last.
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../index.js';

/**
 * Starts a sandbox with `options` before the file's tests and closes it after them; the returned
 * function gives that sandbox (it throws when called outside the tests, before the start).
 */
export function sandboxPerFile(options: SandboxOptions = {}): () => RunningSandbox {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSandbox(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('The sandbox is not started yet: use it inside a test.');
    return running;
  };
}
