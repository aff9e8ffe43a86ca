import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppCallError } from '../../../shared/contract/errors.js';

export const SAMPLE_FILE = 'loyalty-sample.csv';

/**
 * Finds the bundled sample file (`samples/loyalty-sample.csv` at the app's root) from source or built
 * output by walking up from this module. Throws AppCallError('sample-missing') when it is not shipped.
 */
export async function findSampleFile(from: string = import.meta.url): Promise<string> {
  // In a packaged app the sample is unpacked next to the archive (worker threads read real files only).
  let dir = dirname(fileURLToPath(from)).replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked');
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'samples', SAMPLE_FILE);
    if (await stat(candidate).then((s) => s.isFile(), () => false)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new AppCallError('sample-missing');
}
