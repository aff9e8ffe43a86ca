import { spawnSync } from 'node:child_process';

/** Builds the renderer once so every test's host serves the current UI. */
export default function globalSetup(): void {
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}
