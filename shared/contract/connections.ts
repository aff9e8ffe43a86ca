import { z } from 'zod';
import { defineCall } from './define.js';
import type { Reason } from './errors.js';

/** Where saved tokens live, said plainly: the OS keychain holds the key of an encrypted file, Electron safeStorage, or memory only (lost when the app stops). */
export type SecretStorageKind = 'os-keychain' | 'electron-safe-storage' | 'session-only';

/** Adobe's service addresses and the default scopes of an OAuth Server-to-Server credential for Target (§12.1). */
export const ADOBE_IMS_URL = 'https://ims-na1.adobelogin.com';
export const ADOBE_ADMIN_API_URL = 'https://mc.adobe.io';
export const ADOBE_DEFAULT_SCOPES = 'openid,AdobeID,target_sdk,additional_info.projectedProductContext,read_organizations,additional_info.roles';

/** How a connection gets its Profile API token: pasted by the user, or minted through Adobe sign-in (never the client secret). */
export type ConnectionAuth =
  | { readonly kind: 'token' }
  | {
      readonly kind: 'adobe-oauth';
      readonly clientId: string;
      /** The IMS organization ID of the Console project (`…@AdobeOrg`). */
      readonly orgId: string;
      /** The Target tenant (from the Experience Cloud address `experience.adobe.com/#/@<tenant>/…`); not the client code. */
      readonly tenantId: string;
      readonly scopes: string;
      readonly imsUrl: string;
      readonly adminApiUrl: string;
    };

/** A connection as the UI sees it: never the token, only whether one is saved. */
export interface ConnectionView {
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
  /** The built-in "Local sandbox" connection: starts the in-process sandbox; cannot be removed. */
  readonly builtIn: boolean;
  /** A connection that reaches real visitors: sending to it or resuming an upload to it asks for its client code. */
  readonly production: boolean;
  /** `environment-name`: set once from the environment label when the app was upgraded, and not yet reviewed by the user. */
  readonly productionSetBy: 'user' | 'environment-name';
  readonly hasToken: boolean;
  /** How the token is obtained; for Adobe sign-in, whether the client secret is saved (it is never returned). */
  readonly auth: ConnectionAuth;
  readonly hasClientSecret: boolean;
  /** When the token stops working (ISO), where known: the date given with a pasted token, or a minted token's expiry. */
  readonly tokenExpiresAt: string | null;
  /** An extra CA file (PEM) trusted for this connection's https calls, besides the operating system's store (corporate TLS inspection). */
  readonly caFile: string | null;
  /** Whether the app reads an upload's rows back from Target once it completes (Results: "Checked in Target"). */
  readonly verifyAfterUpload: boolean;
  /** What the last "Test connection" said about the token (null: not tested since the token was saved). */
  readonly lastTest: { readonly at: string; readonly ok: boolean; readonly token: 'accepted' | 'refused' | 'not-reached' } | null;
  readonly secretStorage: SecretStorageKind;
}

/** `connections.list` result. */
export interface ConnectionList {
  readonly connections: readonly ConnectionView[];
  readonly secretStorage: SecretStorageKind;
}

/**
 * One check of "Test connection": what was checked — the host answers over valid TLS, Adobe sign-in works
 * (Adobe sign-in only), Target accepts the token, the client code is the one the server speaks for —
 * whether it passed, and what was found (a registry code and its params).
 */
export type ConnectionCheck = { readonly check: 'reachable' | 'sign-in' | 'token' | 'client-code'; readonly ok: boolean } & Reason;

/** `connections.test` result. */
export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly checks: readonly ConnectionCheck[];
  /** When the connection's token stops working (ISO), or null when unknown. */
  readonly tokenExpiresAt: string | null;
}

/** Days before a known token expiry from which the app warns (Settings and before an upload). */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;

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
  /** Read uploads back from Target once they complete; new connections default to true, edits keep the saved value. */
  verifyAfterUpload: z.boolean().optional(),
};

const serviceUrl = z.string().trim().min(1).max(2000);
const authInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token') }).strict(),
  z
    .object({
      kind: z.literal('adobe-oauth'),
      clientId: z.string().trim().min(1).max(200),
      orgId: z.string().trim().min(1).max(200),
      tenantId: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
      scopes: z.string().trim().min(1).max(2000).optional(),
      imsUrl: serviceUrl.optional(),
      adminApiUrl: serviceUrl.optional(),
    })
    .strict(),
]);

/** Calls that manage connections and their tokens. */
export const connectionCalls = {
  'connections.list': defineCall<ConnectionList>()(z.object({}).strict(), 'Lists the connections (the built-in Local sandbox first) and says where tokens are kept.'),
  'connections.save': defineCall<ConnectionView>()(
    z
      .object({
        id: id.optional(),
        ...profileFields,
        /** Write-only: saved encrypted (or for the session only) and never returned. */
        token: z.string().min(1).max(10_000).optional(),
        clearToken: z.boolean().optional(),
        /** Sign-in method; edits keep the saved one when absent. New connections default to a pasted token. */
        auth: authInput.optional(),
        /** Write-only, Adobe sign-in: kept exactly like a token. */
        clientSecret: z.string().min(1).max(10_000).optional(),
        /** A pasted token's expiry date (ISO date or time), or null for unknown; edits keep the saved one when absent. */
        tokenExpiresAt: z.string().trim().max(40).nullable().optional(),
        /** An extra CA file (PEM path), or null for none; edits keep the saved one when absent. */
        caFile: z.string().trim().max(4000).nullable().optional(),
      })
      .strict(),
    'Adds a connection (no id) or updates one; rejects an http:// base URL except for loopback hosts, and a duplicate name. A given token or client secret is stored and never returned. Nothing is sent or resumed by saving: an upload paused for a token waits for the user to resume it.',
  ),
  'connections.reviewProduction': defineCall<void>()(
    z.object({ ids: z.array(id).max(1000) }).strict(),
    'Marks the production setting of these connections as reviewed by the user (after the upgrade set it from the environment label).',
  ),
  'connections.remove': defineCall<void>()(z.object({ id }).strict(), 'Removes a connection and its token; the built-in Local sandbox cannot be removed.'),
  'connections.test': defineCall<ConnectionTestResult>()(
    z.object({ id }).strict(),
    'Checks, one by one: the host answers over valid TLS; Adobe sign-in works (IMS and the Admin API, for Adobe sign-in); Target accepts the token; the client code is the one the server speaks for (a profile fetch of a random id, which writes nothing and is not rate-limited).',
  ),
} as const;
