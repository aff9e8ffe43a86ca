import type { CliCommand } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';

/** Placeholder until the `profiles` command lands; says so plainly instead of failing obscurely. */
export const command: CliCommand = {
  summary: '(profiles: not available yet)',
  usage: 'profile-loader profiles: not available yet',
  async run() {
    throw new CliUsageError('this command is not available yet');
  },
};
