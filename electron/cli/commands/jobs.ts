import type { CliCommand } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';

/** Placeholder until the `jobs` command lands; says so plainly instead of failing obscurely. */
export const command: CliCommand = {
  summary: '(jobs: not available yet)',
  usage: 'profile-loader jobs: not available yet',
  async run() {
    throw new CliUsageError('this command is not available yet');
  },
};
