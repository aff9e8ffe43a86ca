// What `validate` and `upload` share: the validate flags turned into a mapping and a prepare run, so
// `upload` prepares its batches exactly as `validate --out` does.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultMapping, mappingSpecSchema, type MappingSpec } from '../../shared/domain/mapping-spec.js';
import { parseTemplate } from '../../shared/domain/mapping-template.js';
import { openTable } from '../io/open-table.js';
import { AppCallError } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import { runPrepare } from '../services/prepare/prepare-pipeline.js';
import type { PrepareResult } from '../services/prepare/prepare-types.js';
import { CliUsageError } from './cli-types.js';
import type { ValidateArgs } from './commands/validate-args.js';

async function buildMapping(args: ValidateArgs, headers: readonly string[], cwd: string): Promise<MappingSpec> {
  const mapping = await baseMapping(args, headers, cwd);
  // `--allow-personal-data` adds to a template's own allowances (an explicit choice either way).
  const allow = [...new Set([...mapping.allowPersonalData, ...args.allowPersonalData])];
  return { ...mapping, allowPersonalData: allow };
}

async function baseMapping(args: ValidateArgs, headers: readonly string[], cwd: string): Promise<MappingSpec> {
  let base: MappingSpec | null = null;
  if (args.template !== null) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, args.template), 'utf8');
    } catch {
      throw new CliUsageError(`cannot read the template ${args.template}`);
    }
    const parsed = parseTemplate(text);
    if (!parsed.ok) {
      const why = parsed.reason === 'not-json' ? 'the template is not valid JSON' : `the template is not valid: ${parsed.field || '(root)'}: ${parsed.detail}`;
      throw new CliUsageError(`${args.template}: ${why}`);
    }
    base = parsed.template.mapping;
  }
  const idColumn = args.idColumn ?? base?.idColumn ?? '';
  const idKind = args.idType ?? base?.idKind ?? 'thirdPartyId';
  if (!headers.includes(idColumn)) {
    throw new CliUsageError(`the file has no column "${idColumn}"; its columns are: ${headers.map((h) => `"${h}"`).join(', ')}`);
  }
  if (args.map !== null) {
    return mappingSpecSchema.parse({ ...(base ?? {}), idColumn, idKind, columns: args.map.map((m) => ({ column: m.column, param: m.param })) });
  }
  if (base !== null) return { ...base, idColumn, idKind };
  return defaultMapping(headers, idColumn, idKind);
}

/**
 * Reads, maps, validates and encodes `args.file` into batch files, manifest.json and rows.ledger in
 * `outDir`. Throws CliUsageError (exit 2) for an unreadable file, a missing column, a bad template, or a
 * resident registration number column named in `--allow-personal-data` (never sendable).
 */
export async function prepareFromArgs(args: ValidateArgs, cwd: string, outDir: string): Promise<PrepareResult> {
  const file = resolve(cwd, args.file);
  let headers: readonly string[];
  try {
    headers = (await openTable(file, args.read)).headers;
  } catch (e) {
    if (e instanceof AppCallError) throw new CliUsageError(describeError(e));
    throw e;
  }
  const mapping = await buildMapping(args, headers, cwd);
  try {
    return await runPrepare({
      path: file,
      read: args.read,
      mapping,
      duplicates: args.duplicates,
      fixes: args.fixes,
      edits: [],
      outDir,
      batchRows: args.batchRows,
      issueLimit: args.maxIssues,
    });
  } catch (e) {
    if (e instanceof AppCallError) throw new CliUsageError(describeError(e));
    throw e;
  }
}
