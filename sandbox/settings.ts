/**
 * Every behaviour the spec marks unconfirmed ([U]) or optional is a setting here, with the default the
 * sandbox uses. docs/sandbox.md lists them all; keep the two in step.
 */

/** Fault switches for one route group. Rates are probabilities between 0 and 1, rolled per request. */
export interface RouteFaults {
  /** Probability of answering with one of `errorStatuses` instead of doing the work. */
  readonly errorRate: number;
  /** Statuses picked from (uniformly) when an error fault fires. */
  readonly errorStatuses: readonly number[];
  /** Probability of a throttle answer (`throttleStatus` with `Retry-After: retryAfterSeconds`). */
  readonly throttleRate: number;
  /** 503 or 429. */
  readonly throttleStatus: number;
  /** Value of the Retry-After header on a throttle answer. */
  readonly retryAfterSeconds: number;
  /** Probability of destroying the connection mid-request (the client sees a reset / socket hang up). */
  readonly resetRate: number;
  /** Probability that a request is delayed by `slowMs` before it is handled. */
  readonly slowRate: number;
  readonly slowMs: number;
  /** batchUpdate only: probability that an accepted batch's answer is lost (the batch exists, the connection is reset). */
  readonly lostResponseRate: number;
}

/** All fault switches: per route group, plus batch-level faults. */
export interface FaultSettings {
  /** E1 and E2. */
  readonly batchUpdate: RouteFaults;
  /** E3. */
  readonly batchStatus: RouteFaults;
  /** E4 and E5. */
  readonly singleUpdate: RouteFaults;
  /** E6 and E7. */
  readonly fetch: RouteFaults;
  /** Probability that an accepted batch ends `stuck` (its rows are never applied). */
  readonly stuckRate: number;
  /** Fraction of rows silently lost: counted as successful updates but never stored (Adobe's 0.1% is 0.001). */
  readonly dropRowRate: number;
  /** Milliseconds between an attribute's write and its appearance in profile fetch ("complete but not visible"). */
  readonly visibilityLagMs: number;
  /** Seed of the fault dice; null picks a random seed at start. */
  readonly seed: number | null;
}

/** Adobe sign-in (§12.1): with all three set, the sandbox serves IMS's token route and the Target Admin API's token route. */
export interface OAuthSettings {
  /** The OAuth Server-to-Server client ID (also the `X-Api-Key` of the Admin API call); null = sign-in is off. */
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  /** The tenant in `/<tenant>/target/authentication/token` (not the client code). */
  readonly tenantId: string | null;
  /** `expires_in` of an IMS access token (IMS says 86399). */
  readonly imsTokenTtlSeconds: number;
}

/** How long batch statuses stay readable (§12.3: "only the previous 10 statuses are stored, for a maximum of 24 hours"). */
export interface StatusRetention {
  /** Only the last N batch statuses per client answer; older ones say `unknownBatchMessage`. null = all. */
  readonly maxBatches: number | null;
  /** A batch status older than this (from acceptance) answers `unknownBatchMessage`. null = forever. */
  readonly maxAgeMs: number | null;
}

/** Every configurable behaviour of the sandbox. Per-client overrides use the same shape. */
export interface SandboxSettings {
  // Routing and parsing
  /** [U] Status for a non-POST request to E1/E2 (body: `success=false`, `Method not allowed`). */
  readonly nonPostStatus: number;
  /** [U] Accept `pcid`, `ThirdPartyId`, … as the key header. */
  readonly keyHeaderCaseInsensitive: boolean;
  /** [U] Message of the `success=false` answer to a bad key header. */
  readonly badHeaderMessage: string;
  /** [U] Strip one trailing CR from every row (CRLF files). */
  readonly stripTrailingCr: boolean;
  // Limits
  /** Bodies of this many bytes or more are rejected (50 MB). */
  readonly maxBodyBytes: number;
  /** Batches with more data rows than this are rejected. */
  readonly maxRows: number;
  /** [U] HTTP status of the limit answers (`success=false` with a message naming the limit). */
  readonly limitHttpStatus: number;
  /** Legacy mode: rows per client per rolling 24 h across batches (the old docs said 1,000,000); null = no cap. */
  readonly dailyRowCap: number | null;
  /** Calls per client per sliding window before answering `rateLimitStatus`. */
  readonly rateLimitPerMinute: number;
  readonly rateLimitWindowMs: number;
  readonly rateLimitStatus: number;
  /** [U] Whether E3 polls count toward the limit. */
  readonly rateLimitCountsStatus: boolean;
  /** Whether E4/E5 count (documented as exempt). */
  readonly rateLimitCountsSingleUpdate: boolean;
  /** [U] Whether E6/E7 count. */
  readonly rateLimitCountsFetch: boolean;
  /** [U] Send `Retry-After` (seconds until the window frees a slot) with the rate-limit answer. */
  readonly rateLimitRetryAfter: boolean;
  // Auth
  /** Require `Authorization: Bearer <token>` (Target's "Require Authentication" toggle). */
  readonly requireAuth: boolean;
  /** [U] Whether E3 also needs the token when auth is required. */
  readonly authOnStatus: boolean;
  /** [U] Status for a missing, wrong or expired token. */
  readonly authFailureStatus: number;
  /** [U] Lifetime of a minted token (admin route, or the Admin API's token route) unless the mint request names one. */
  readonly tokenTtlSeconds: number;
  /** Adobe sign-in: IMS access tokens and Profile API tokens minted through the Admin API. */
  readonly oauth: OAuthSettings;
  /** [U] Client codes the edge knows (comma-separated text or a list); others get the unknown-client fetch answer. null = every client is known. */
  readonly knownClients: string | readonly string[] | null;
  // Lifecycle
  /** Milliseconds a batch stays `incomplete` before it is processed. */
  readonly processingDelayMs: number;
  /** 'fixed' uses processingDelayMs; 'realistic' draws 1–60 min with a 1% tail up to 24 h. */
  readonly processingDelayMode: 'fixed' | 'realistic';
  /** Rows applied per store write; `consumedCount` advances by this step while `incomplete`. */
  readonly chunkRows: number;
  /** [U] Show counters as they advance while `incomplete` (false: zeros until done). */
  readonly progressiveCounters: boolean;
  /** Public "edge" base of the batchStatus URL; null = the sandbox's own base URL (in the scheme the request came in on). */
  readonly edgeBaseUrl: string | null;
  /** Scheme of returned batchStatus URLs: `request` (as the batchUpdate came in), or always `http` (as Adobe's examples) or `https`. */
  readonly statusUrlScheme: 'request' | 'http' | 'https';
  /** `current`, or `legacy` (§12.3): `/v2/` and `&m2Node=00` in status URLs, no `consumedCount`, rows listed `pending` while incomplete, failures as `error`. */
  readonly statusVariant: 'current' | 'legacy';
  /** How many (and how old) batch statuses per client stay readable. */
  readonly statusRetention: StatusRetention;
  /** [U] Status of the `success=false` answer for an unknown batchId. */
  readonly unknownBatchHttpStatus: number;
  /** [U] Message of that answer. */
  readonly unknownBatchMessage: string;
  // Row semantics
  /** "legacy-2020": v2 status also lists successful rows. */
  readonly v2ListSuccesses: boolean;
  /** [U] v2 `<profile>` rows only with `showDetails=true`. */
  readonly v2ProfilesNeedShowDetails: boolean;
  /** [U] Duplicate keys in one batch: apply in file order (last wins) or keep the first row only. */
  readonly duplicateKeys: 'fileOrder' | 'firstWins';
  /** [U] Consecutive v2 batches for one key with no mbox call between: merge attributes or replace them. */
  readonly v2Consecutive: 'merge' | 'replace';
  /** External data allowed per profile (names + values, UTF-8 bytes). */
  readonly maxProfileBytes: number;
  readonly maxThirdPartyIdLength: number;
  // Single update and fetch
  /** Request size limits of E4/E5 (URL for GET; URL + body for POST). */
  readonly singleUpdateMaxGetBytes: number;
  readonly singleUpdateMaxPostBytes: number;
  /** [U] Status for an oversize single update. */
  readonly singleUpdateOversizeStatus: number;
  /** Updates per client per rolling 24 h; null = no cap (the docs say 1,000,000). */
  readonly singleUpdateDailyCap: number | null;
  /** Milliseconds between the acknowledgement and the change (0 = applied before answering). */
  readonly singleUpdateDelayMs: number;
  /** [U] HTTP status line of the fetch 404 body. */
  readonly fetchNotFoundHttpStatus: number;
  // Profile lifetime
  /** Days without activity (a write by an update route, or an mbox call: our reading, [I]) after which a profile is gone (§12.4: Target's default is 14); null = never. */
  readonly profileIdleExpiryDays: number | null;
  /** Milliseconds added to the sandbox's clock for profile times (writes, activity, expiry, visibility lag); tests move it with /admin/clock. */
  readonly clockOffsetMs: number;
  /** [U] Content-Type of XML answers. */
  readonly xmlContentType: string;
  readonly faults: FaultSettings;
}

/** Returns route faults that never fire. */
export function noRouteFaults(): RouteFaults {
  return { errorRate: 0, errorStatuses: [500, 502, 503], throttleRate: 0, throttleStatus: 503, retryAfterSeconds: 1, resetRate: 0, slowRate: 0, slowMs: 0, lostResponseRate: 0 };
}

/** Returns fault settings with every fault off. */
export function noFaults(): FaultSettings {
  return {
    batchUpdate: noRouteFaults(),
    batchStatus: noRouteFaults(),
    singleUpdate: noRouteFaults(),
    fetch: noRouteFaults(),
    stuckRate: 0,
    dropRowRate: 0,
    visibilityLagMs: 0,
    seed: null,
  };
}

/** Returns the documented defaults (a fresh object each call). */
export function defaultSettings(): SandboxSettings {
  return {
    nonPostStatus: 405,
    keyHeaderCaseInsensitive: false,
    badHeaderMessage: 'Invalid batch header: the first column must be pcId or thirdPartyId',
    stripTrailingCr: false,
    maxBodyBytes: 50 * 1024 * 1024,
    maxRows: 500_000,
    limitHttpStatus: 200,
    dailyRowCap: null,
    rateLimitPerMinute: 50,
    rateLimitWindowMs: 60_000,
    rateLimitStatus: 503,
    rateLimitCountsStatus: true,
    rateLimitCountsSingleUpdate: false,
    rateLimitCountsFetch: false,
    rateLimitRetryAfter: false,
    requireAuth: false,
    authOnStatus: false,
    authFailureStatus: 403,
    tokenTtlSeconds: 30 * 24 * 3600,
    oauth: { clientId: null, clientSecret: null, tenantId: null, imsTokenTtlSeconds: 86_399 },
    knownClients: null,
    processingDelayMs: 0,
    processingDelayMode: 'fixed',
    chunkRows: 5_000,
    progressiveCounters: true,
    edgeBaseUrl: null,
    statusUrlScheme: 'request',
    statusVariant: 'current',
    statusRetention: { maxBatches: null, maxAgeMs: null },
    unknownBatchHttpStatus: 200,
    unknownBatchMessage: 'Batch not found',
    v2ListSuccesses: false,
    v2ProfilesNeedShowDetails: false,
    duplicateKeys: 'fileOrder',
    v2Consecutive: 'merge',
    maxProfileBytes: 64 * 1024,
    maxThirdPartyIdLength: 256,
    singleUpdateMaxGetBytes: 8 * 1024,
    singleUpdateMaxPostBytes: 60 * 1024,
    singleUpdateOversizeStatus: 413,
    singleUpdateDailyCap: null,
    singleUpdateDelayMs: 0,
    fetchNotFoundHttpStatus: 404,
    profileIdleExpiryDays: null,
    clockOffsetMs: 0,
    xmlContentType: 'application/xml;charset=UTF-8',
    faults: noFaults(),
  };
}

/** Allowed values of the string-enum settings, by dotted path. */
export const ENUM_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  processingDelayMode: ['fixed', 'realistic'],
  duplicateKeys: ['fileOrder', 'firstWins'],
  v2Consecutive: ['merge', 'replace'],
  statusUrlScheme: ['request', 'http', 'https'],
  statusVariant: ['current', 'legacy'],
};

/** Settings whose default is null but which take a number (or null). */
export const NULLABLE_NUMBER_SETTINGS: ReadonlySet<string> = new Set(['dailyRowCap', 'singleUpdateDailyCap', 'faults.seed', 'statusRetention.maxBatches', 'statusRetention.maxAgeMs', 'profileIdleExpiryDays']);
/** Nullable number settings that must be above 0 when set (zero or less would make no sense). */
export const POSITIVE_NULLABLE_NUMBER_SETTINGS: ReadonlySet<string> = new Set(['profileIdleExpiryDays']);
/** Settings whose default is null but which take a string (or null). */
export const NULLABLE_STRING_SETTINGS: ReadonlySet<string> = new Set(['edgeBaseUrl', 'oauth.clientId', 'oauth.clientSecret', 'oauth.tenantId']);
/** Settings that take comma-separated text, a list of strings, or null. */
export const NULLABLE_LIST_SETTINGS: ReadonlySet<string> = new Set(['knownClients']);

/** Returns the client codes of `knownClients`, or undefined when every client is known. */
export function knownClientList(settings: SandboxSettings): readonly string[] | undefined {
  const k = settings.knownClients;
  if (k === null) return undefined;
  return (typeof k === 'string' ? k.split(',') : k).map((c) => c.trim()).filter((c) => c !== '');
}
