// What `validate` and `upload` share: the validate flags turned into a mapping and a prepare run, so
// `upload` prepares its batches exactly as `validate --out` does.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { mappingSpecSchema, type MappingSpec } from '../../shared/domain/mapping-spec.js';
import { suggestedMapping, type NameReason } from '../../shared/domain/param-name-suggest.js';
import { parseTemplate } from '../../shared/domain/mapping-template.js';
import { openTable } from '../io/open-table.js';
import { AppCallError } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import { runPrepare } from '../services/prepare/prepare-pipeline.js';
import type { PrepareResult } from '../services/prepare/prepare-types.js';
import { CliUsageError } from './cli-types.js';
import type { ValidateArgs } from './commands/validate-args.js';

/** Where each sent parameter's name came from: `--map`, the template, or the suggestion (glossary, romanised…). */
export interface ParamOrigin {
  readonly column: string;
  readonly param: string;
  readonly from: 'map' | NameReason;
}

/** What `prepareFromArgs` returns: the prepare run and where each parameter's name came from. */
export interface PreparedFromArgs extends PrepareResult {
  readonly names: readonly ParamOrigin[];
}

const origins = (mapping: MappingSpec, from: ParamOrigin['from']): ParamOrigin[] => mapping.columns.filter((c) => !mapping.ignored.includes(c.column)).map((c) => ({ column: c.column, param: c.param, from }));

async function buildMapping(args: ValidateArgs, headers: readonly string[], cwd: string): Promise<{ mapping: MappingSpec; names: readonly ParamOrigin[] }> {
  const built = await baseMapping(args, headers, cwd);
  // A misspelt column would otherwise leave the column it meant out without a word.
  const unknown = args.allowPersonalData.find((c) => !headers.includes(c));
  if (unknown !== undefined) {
    throw new CliUsageError(`--allow-personal-data: the file has no column "${unknown}"; its columns are: ${headers.map((h) => `"${h}"`).join(', ')}`);
  }
  // `--allow-personal-data` adds to a template's own allowances (an explicit choice either way).
  const allow = [...new Set([...built.mapping.allowPersonalData, ...args.allowPersonalData])];
  return { mapping: { ...built.mapping, allowPersonalData: allow }, names: built.names };
}

async function baseMapping(args: ValidateArgs, headers: readonly string[], cwd: string): Promise<{ mapping: MappingSpec; names: readonly ParamOrigin[] }> {
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
    const mapping = mappingSpecSchema.parse({ ...(base ?? {}), idColumn, idKind, columns: args.map.map((m) => ({ column: m.column, param: m.param })) });
    return { mapping, names: origins(mapping, 'map') };
  }
  if (base !== null) {
    const mapping = { ...base, idColumn, idKind };
    return { mapping, names: origins(mapping, 'template') };
  }
  // The same names the Map step suggests (without saved templates): glossary, romanisation, accents removed.
  const suggested = suggestedMapping(headers, idColumn, idKind);
  return { mapping: suggested.mapping, names: suggested.names.map((n) => ({ column: n.column, param: n.param, from: n.reason })) };
}

/**
 * Reads, maps, validates and encodes `args.file` into batch files, manifest.json and rows.ledger in
 * `outDir`. Throws CliUsageError (exit 2) for an unreadable file, a missing column, a bad template, or a
 * resident registration number column named in `--allow-personal-data` (never sendable).
 */
export async function prepareFromArgs(args: ValidateArgs, cwd: string, outDir: string): Promise<PreparedFromArgs> {
  const file = resolve(cwd, args.file);
  let headers: readonly string[];
  try {
    headers = (await openTable(file, args.read)).headers;
  } catch (e) {
    if (e instanceof AppCallError) throw new CliUsageError(describeError(e));
    throw e;
  }
  const { mapping, names } = await buildMapping(args, headers, cwd);
  try {
    const result = await runPrepare({
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
    return { ...result, names };
  } catch (e) {
    if (e instanceof AppCallError) throw new CliUsageError(describeError(e));
    throw e;
  }
}
