/** Process entry for `npm run cli -- …`: runs one CLI invocation with the real stdio and sets the exit code. */
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: process.stdin,
  env: process.env,
});
