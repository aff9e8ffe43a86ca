import { z } from 'zod';
import { defineCall } from './define.js';
import type { Reason } from './errors.js';

/** Where saved tokens live, said plainly: the OS keychain holds the key of an encrypted file, Electron safeStorage, or memory only (lost when the app stops). */
export type SecretStorageKind = 'os-keychain' | 'electron-safe-storage' | 'session-only';

/** A connection profile as the UI sees it: never the token, only whether one is saved. */
export interface ConnectionProfileView {
  readonly id: string;
  readonly name: string;
  /** Free label such as "Production" or "Staging", and its colour (CSS colour text). */
  readonly environment: string;
  readonly color: string;
  readonly clientCode: string;
  readonly apiVersion: 'v1' | 'v2';
  readonly baseUrl: string;
  /** Hosts a returned batchStatus URL may point at (`*.suffix` allowed). */
  readonly statusHosts: readonly string[];
  /** Optional cap of rows per rolling 24 h for this client code (older Target contracts). */
  readonly dailyRowBudget: number | null;
  /** The built-in "Local sandbox" profile: starts the in-process sandbox; cannot be removed. */
  readonly builtIn: boolean;
  /** A connection that reaches real visitors: sending to it or resuming an upload to it asks for its client code. */
  readonly production: boolean;
  /** `environment-name`: set once from the environment label when the app was upgraded, and not yet reviewed by the user. */
  readonly productionSetBy: 'user' | 'environment-name';
  readonly hasToken: boolean;
  /** What the last "Test connection" said about the token (null: not tested since the token was saved). */
  readonly lastTest: { readonly at: string; readonly ok: boolean; readonly token: 'accepted' | 'refused' | 'not-reached' } | null;
  readonly secretStorage: SecretStorageKind;
}

/** `profiles.list` result. */
export interface ProfilesList {
  readonly profiles: readonly ConnectionProfileView[];
  readonly secretStorage: SecretStorageKind;
}

/** One check of "Test connection": what was checked, whether it passed, and what was found (a registry code and its params). */
export type ConnectionCheck = { readonly check: 'reachable' | 'client-code' | 'token'; readonly ok: boolean } & Reason;

/** `profiles.test` result. */
export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly checks: readonly ConnectionCheck[];
}

const id = z.string().min(1).max(100);
const profileFields = {
  name: z.string().trim().min(1).max(100),
  environment: z.string().trim().max(50).default(''),
  color: z.string().trim().max(30).default(''),
  clientCode: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
  apiVersion: z.enum(['v1', 'v2']),
  baseUrl: z.string().trim().min(1).max(2000),
  statusHosts: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  dailyRowBudget: z.number().int().positive().nullable().optional(),
  /** Whether this connection reaches real visitors; new connections default to false, edits keep the saved value. */
  production: z.boolean().optional(),
};

/** Calls that manage connection profiles and their tokens. */
export const profileCalls = {
  'profiles.list': defineCall<ProfilesList>()(z.object({}).strict(), 'Lists the connection profiles (the built-in Local sandbox first) and says where tokens are kept.'),
  'profiles.save': defineCall<ConnectionProfileView>()(
    z
      .object({
        id: id.optional(),
        ...profileFields,
        /** Write-only: saved encrypted (or for the session only) and never returned. */
        token: z.string().min(1).max(10_000).optional(),
        clearToken: z.boolean().optional(),
      })
      .strict(),
    'Adds a profile (no id) or updates one; rejects an http:// base URL except for loopback hosts, and a duplicate name. A given token is stored and never returned. Nothing is sent or resumed by saving: an upload paused for a token waits for the user to resume it.',
  ),
  'profiles.reviewProduction': defineCall<void>()(
    z.object({ ids: z.array(id).max(1000) }).strict(),
    'Marks the production setting of these profiles as reviewed by the user (after the upgrade set it from the environment label).',
  ),
  'profiles.remove': defineCall<void>()(z.object({ id }).strict(), 'Removes a profile and its token; the built-in Local sandbox cannot be removed.'),
  'profiles.test': defineCall<ConnectionTestResult>()(
    z.object({ id }).strict(),
    'Checks reachability, client code and token with one empty batchUpdate (Target creates no batch for it). Counts as one call against the rate limit.',
  ),
} as const;
