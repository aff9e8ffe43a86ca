import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSummary, MappingSuggestion, ReviewSummary } from '../../../shared/contract/index.js';
import { useAppServices } from '../testing/app-services-harness.js';

const harness = useAppServices('pl-map-service-');
const call = harness.call.bind(harness);

let dir: string;
let path: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'map-service-'));
  path = join(dir, 'crm.csv');
  // Wide rows (a 40 KB note each) make the first rows take a while to count, so Map asks before they are there.
  const note = 'x'.repeat(40 * 1024);
  const lines = ['thirdPartyId,emailOptIn,email,note'];
  for (let i = 1; i <= 500; i++) lines.push(`M${i},${i % 2 === 0 ? 'Y' : 'N'},m${i}@example.com,${note}`);
  await writeFile(path, lines.join('\n') + '\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mapping.suggest', () => {
  it('asked the moment a file opens, judges personal data on the first rows’ values, as Review does: a Y/N "emailOptIn" is not e-mail, "email" is', async () => {
    const file = await call<FileSummary>('files.open', { path });
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    expect(suggestion.personalData).toEqual([{ column: 'email', kind: 'email', evidence: 'header' }]);
    const review = await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: suggestion.mapping });
    expect(review.personalData.map((c) => ({ column: c.column, sent: c.sent }))).toEqual([{ column: 'email', sent: false }]);
  });
});
