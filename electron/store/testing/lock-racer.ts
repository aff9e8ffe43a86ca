// A child process for the lock race test: on {go, path} it tries to take the job lock and answers
// whether it holds it; on {release} it lets go. Run with `node --import tsx`.
import { acquireJobLock, JobLockedError } from '../job-lock.js';

let release: (() => Promise<void>) | null = null;

process.on('message', (message: { kind: 'go'; path: string } | { kind: 'release' } | { kind: 'exit' }) => {
  void (async () => {
    if (message.kind === 'go') {
      try {
        release = await acquireJobLock(message.path, 'race');
        process.send?.({ held: true });
      } catch (error) {
        process.send?.({ held: false, locked: error instanceof JobLockedError, message: (error as Error).message });
      }
    } else if (message.kind === 'release') {
      await release?.();
      release = null;
      process.send?.({ released: true });
    } else {
      process.exit(0);
    }
  })();
});
process.send?.({ ready: true });
