/** Message strings Target puts in `<message>` (documented ones marked [C] in target-profile-api.md). */
export const TARGET_MESSAGES = {
  /** [C] success text of E1/E2. */
  batchSubmitted: 'Batch submitted for processing',
  /** [C] malformed percent-encoding; no batch is created. */
  unexpectedError: 'Unexpected error',
  /** [C] no data rows (e.g. after an `&` truncation). */
  batchEmpty: 'Batch is empty',
  /** [I] acknowledgement of a single profile update (E4/E5). */
  requestSubmitted: 'Request successfully submitted',
} as const;
