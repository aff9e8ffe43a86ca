import { CliUsageError } from '../cli-types.js';
import { defineCommand } from '../define-command.js';
import { withServices } from '../cli-services.js';

const USAGE = `Usage: profile-loader lookup --connection NAME --id ID [--id-type thirdPartyId|pcId|ecid] [--json]

Reads one visitor profile from the Target of the saved connection NAME (a profile fetch: it changes
nothing and does not count against the upload rate limit) and shows it beside the values this app last
sent for that id (from the 50 newest jobs to that client code).

  --connection NAME   the saved connection (see "connections list"); "Local sandbox" is built in
  --id ID             the visitor's id
  --id-type T         thirdPartyId (the customer id, mbox3rdPartyId; default), pcId (Target's own
                      visitor id, tntId) or ecid (the Experience Cloud ID, marketingCloudVisitorId)
  --json              print {"idType","id","profile":{visitorId,modifiedAt,attributes:[{name,value,modifiedAt}]}|null,
                      "lastSent":{jobId,sentAt,file,values}|null}

Exit 0: Target has a profile for the id. Exit 1: it has none (its 404). Exit 2: bad arguments, an
unknown connection, or Target could not be read (the message says why).`;

/** `lookup`: one visitor profile as Target returns it, beside what this app last sent for it. */
export const command = defineCommand({
  name: 'lookup',
  summary: 'read one visitor profile from Target, beside what this app last sent for it',
  usage: USAGE,
  options: { connection: { type: 'string' }, id: { type: 'string' }, 'id-type': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliUsageError(`unexpected "${positionals[0]}"; use --id ID`);
    if (!values.connection) throw new CliUsageError('--connection NAME is required (see "connections list")');
    if (!values.id) throw new CliUsageError('--id ID is required');
    const kind = values['id-type'] ?? 'thirdPartyId';
    if (kind !== 'thirdPartyId' && kind !== 'pcId' && kind !== 'ecid') throw new CliUsageError('--id-type must be thirdPartyId, pcId or ecid');
    const id = values.id;
    const connectionName = values.connection;
    return withServices(io, async (services) => {
      const connection = await services.connections.find(connectionName);
      const found = await services.lookup(connection.id, kind, id);
      if (values.json) io.stdout(`${JSON.stringify(found)}\n`);
      else {
        if (!found.profile) io.stdout(`Target has no profile for ${kind} ${id} (client ${connection.clientCode}).\n`);
        else {
          io.stdout(`${kind} ${id} — profile modified ${found.profile.modifiedAt}\n`);
          for (const a of found.profile.attributes) {
            const sent = found.lastSent?.values[a.name];
            io.stdout(`  ${a.name} = ${a.value}  (modified ${a.modifiedAt})${sent !== undefined && sent !== a.value ? `  ← this app last sent "${sent}"` : ''}\n`);
          }
        }
        if (found.lastSent) {
          io.stdout(`last sent by this app: job ${found.lastSent.jobId} (${found.lastSent.file}) at ${found.lastSent.sentAt}\n`);
          for (const [name, value] of Object.entries(found.lastSent.values)) if (!found.profile?.attributes.some((a) => a.name === name)) io.stdout(`  ${name} = ${value}  ← not in Target's profile\n`);
        }
      }
      return found.profile ? 0 : 1;
    });
  },
});
