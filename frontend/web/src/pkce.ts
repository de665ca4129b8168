// Proof Key for Code Exchange (RFC 7636) with the S256 method, as Amazon Cognito's authorization
// code flow requires for a public client without a secret.

const VERIFIER_BYTES = 32;

/** Encodes bytes as base64url without padding (RFC 7636 Appendix A). */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Creates a code verifier of 43 characters from 32 random bytes, the length RFC 7636 section 4.1
 * recommends.
 */
export function createCodeVerifier(): string {
  const bytes = new Uint8Array(VERIFIER_BYTES);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

/** Computes the S256 code challenge: base64url of the SHA-256 digest of the ASCII verifier. */
export async function codeChallengeS256(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new Error(
      `invalid code verifier "${verifier}": RFC 7636 allows 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~"`,
    );
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
