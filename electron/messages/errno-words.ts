// Plain English for the errno codes a connection meets (the `detail` of network problems), so the CLI
// says "the address refused the connection" rather than ECONNREFUSED. The renderer has its own table.

/** Plain words per errno code; a code not listed is shown as it is. */
export const errnoWords: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the address refused the connection',
  ECONNRESET: 'the connection was cut off',
  ETIMEDOUT: 'no answer came in time',
  ENOTFOUND: 'the address could not be found',
  EAI_AGAIN: 'the address could not be looked up right now',
  EHOSTUNREACH: 'the address cannot be reached from this network',
  ENETUNREACH: 'this computer is not connected to a network that reaches the address',
  EPIPE: 'the connection was closed while sending',
  ECONNABORTED: 'the connection was closed',
  ABORTED: 'the request was stopped',
  ERR_INVALID_URL: 'the address is not a valid web address',
  ERR_UNSUPPORTED_SCHEME: 'the address does not start with http:// or https://',
  CERT_HAS_EXPIRED: 'the server’s certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server’s certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server’s certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server’s certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server’s certificate is for another address',
};
