import { describe, expect, it } from 'vitest';
import { formatProfileTimestamp, profileNotFoundMessage } from './profile-json.js';

describe('profile JSON and single update bodies', () => {
  it('writes the documented 404 messages', () => {
    expect(profileNotFoundMessage('acme', 'thirdPartyId', 'CRM-9')).toBe('No profile found for client acme with third party id=CRM-9');
    expect(profileNotFoundMessage('acme', 'pcId', 'p1')).toBe('No profile found for client acme with mboxPC=p1');
    expect(profileNotFoundMessage('acme', 'ecid', '0837')).toBe('No profile found for client acme with marketingCloudVisitorId=0837');
  });

  it('formats timestamps with milliseconds and an offset', () => {
    expect(formatProfileTimestamp(Date.UTC(2024, 5, 10, 13, 15, 2, 117))).toBe('2024-06-10T13:15:02.117+00:00');
  });
});
