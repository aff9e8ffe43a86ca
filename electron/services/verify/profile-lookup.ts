import { readFile } from 'node:fs/promises';
import type { ProfileLookup } from '../../../shared/contract/verify.js';
import type { ConnectionService } from '../connections/connection-service.js';
import type { JobService } from '../jobs/job-service.js';
import type { Transport } from '../../upload/http-transport.js';
import { splitBatchBody } from '../results/result-lines.js';
import type { ProfileLookupKind } from '../../../shared/target/urls.js';
import { readProfile } from './profile-reader.js';

/** How many of the newest jobs a lookup searches for the values this app last sent. */
export const LOOKUP_JOB_WINDOW = 50;

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Finds the values the newest job (of the `LOOKUP_JOB_WINDOW` newest, same client code and id type)
 * sent for `id`: the last line carrying it in a batch Target accepted. Null when none did, and for ECIDs
 * (this app never sends by ECID).
 */
async function lastSent(jobs: JobService, clientCode: string, kind: ProfileLookupKind, id: string): Promise<ProfileLookup['lastSent']> {
  if (kind === 'ecid') return null;
  const items = (await jobs.list()).filter((j) => j.clientCode === clientCode && j.state !== 'damaged').slice(0, LOOKUP_JOB_WINDOW);
  for (const item of items) {
    const job = await jobs.load(item.jobId).catch(() => undefined);
    if (!job || (job.spec.source.idType === 'pcId' ? 'pcId' : 'thirdPartyId') !== kind) continue;
    for (const b of [...job.spec.batches].reverse()) {
      const view = job.view.batches.find((v) => v.index === b.index);
      if (!view?.batchId) continue;
      const text = await readFile(b.path, 'latin1').catch(() => undefined);
      if (text === undefined) continue;
      const { header, lines } = splitBatchBody(text);
      for (let i = lines.length - 1; i >= 0; i--) {
        const cells = (lines[i] as string).split(',');
        if (decode(cells[0] ?? '') !== id) continue;
        const values: Record<string, string> = {};
        header
          .split(',')
          .slice(1)
          .forEach((name, c) => {
            const value = decode(cells[c + 1] ?? '');
            if (value !== '') values[decode(name)] = value;
          });
        let sentAt = job.spec.createdAt;
        for (const e of job.events) if (e.type === 'batch.submitted' && e.index === b.index) sentAt = e.at;
        return { jobId: job.spec.jobId, sentAt, file: job.spec.source.file, values };
      }
    }
  }
  return null;
}

/**
 * Reads one visitor profile through a saved connection, beside what this app last sent for the id.
 * Throws `profile-not-found` for an unknown connection and the read errors of `readProfile`.
 */
export async function lookupProfile(deps: { connections: ConnectionService; jobs: JobService; transport: Transport }, connectionId: string, kind: ProfileLookupKind, id: string): Promise<ProfileLookup> {
  const conn = await deps.connections.resolve(connectionId);
  const profile = await readProfile(deps.transport, { baseUrl: conn.baseUrl, clientCode: conn.connection.clientCode, trust: conn.trust, token: () => conn.token(), renewToken: (r) => conn.renewToken(r) }, kind, id);
  return {
    idType: kind,
    id,
    profile: profile && {
      visitorId: profile.visitorId,
      modifiedAt: profile.modifiedAt,
      attributes: Object.entries(profile.profileAttributes)
        .map(([name, a]) => ({ name, value: a.value, modifiedAt: a.modifiedAt }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
    lastSent: await lastSent(deps.jobs, conn.connection.clientCode, kind, id),
  };
}
