import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser-mode host started exactly as `npm start` starts it, over its own state folder. */
export interface AppHost {
  readonly url: string;
  readonly origin: string;
  readonly homeDir: string;
  readonly output: () => string;
  /** Holds the host's process still (SIGSTOP), as a machine too busy to get on would: no work moves, no event goes out. */
  hold(): void;
  /** Lets a held host run on (SIGCONT). */
  release(): void;
  stop(): Promise<void>;
}

/**
 * Spawns `electron/web/main.ts` on a free port with `PROFILE_LOADER_HOME` set to `homeDir` (a new temp
 * folder unless given) and resolves once it has printed its address. Rejects if it exits first.
 */
export async function startAppHost(options: { homeDir?: string; env?: Record<string, string>; viaNpmStart?: boolean } = {}): Promise<AppHost> {
  const homeDir = options.homeDir ?? (await mkdtemp(join(tmpdir(), 'pl-e2e-')));
  // `viaNpmStart` runs the very script `npm start` runs (asking for browser mode, so it does not try the Electron download).
  const args = options.viaNpmStart ? ['scripts/start.mjs', '--browser', '--no-open', '--port', '0'] : ['--import', 'tsx', 'electron/web/main.ts', '--port', '0'];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env, PROFILE_LOADER_HOME: homeDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The app host exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    homeDir,
    output: () => output,
    hold: () => void child.kill('SIGSTOP'),
    release: () => void child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGCONT');
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.homeDir) await rm(homeDir, { recursive: true, force: true });
    },
  };
}
