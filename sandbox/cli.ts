// `npm run sandbox -- [options]`: starts a local Target and prints `Sandbox listening on <baseUrl>`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox } from './index.js';
import { CLI_USAGE, parseCliArgs, type CliOptions } from './cli-args.js';

let options: CliOptions;
try {
  options = parseCliArgs(process.argv.slice(2));
} catch (err) {
  console.error(`${(err as Error).message}\n\n${CLI_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(CLI_USAGE);
  process.exit(0);
}
try {
  const { tlsKeyFile, tlsCertFile, help: _help, ...sandboxOptions } = options;
  const tls = tlsKeyFile && tlsCertFile ? { key: await readFile(tlsKeyFile), cert: await readFile(tlsCertFile) } : undefined;
  const sandbox = await startSandbox({ ...sandboxOptions, tls, log: (line) => console.log(line) });
  console.log(`Sandbox listening on ${sandbox.baseUrl}`);
  if (sandbox.httpsBaseUrl) console.log(`Also https: ${sandbox.httpsBaseUrl}`);
  console.log(`Data folder: ${sandbox.dataDir}`);
  console.log(`Admin key: ${sandbox.adminKey} (send it as the header x-sandbox-admin-key; also in ${join(sandbox.dataDir, 'admin-key')})`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(String(err));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`The sandbox could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
