// Temporary AWS credentials from the Cognito identity pool for a user signed in to the user pool.
// The identity pool exchanges the ID token for credentials of the IAM role that its role mapping
// picks from the user's group, and OpenSearch fine-grained access control maps that role to the
// user's municipality.

import type { CognitoSettings } from './config';
import type { AwsCredentials } from './sigv4';

/** Renew credentials this long before they expire, so a search never carries expired ones. */
export const CREDENTIALS_EXPIRY_MARGIN_MS = 60_000;

export interface TemporaryCredentials extends AwsCredentials {
  sessionToken: string;
  /** Expiry as epoch milliseconds. */
  expiresAt: number;
}

/** One JSON request to the Cognito identity service (AWS JSON 1.1 protocol). */
export interface IdentityRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: string };
}

type IdentitySettings = Pick<CognitoSettings, 'region' | 'userPoolId' | 'identityPoolId'>;

export type FetchFunction = (url: string, init: IdentityRequest['init']) => Promise<Response>;

function identityRequest(region: string, operation: string, body: object): IdentityRequest {
  return {
    url: `https://cognito-identity.${region}.amazonaws.com/`,
    init: {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityService.${operation}`,
      },
      body: JSON.stringify(body),
    },
  };
}

/** Returns the Logins map that presents a user pool ID token to the identity pool. */
export function logins(settings: IdentitySettings, idToken: string): Record<string, string> {
  return { [`cognito-idp.${settings.region}.amazonaws.com/${settings.userPoolId}`]: idToken };
}

/** Builds the GetId request, which returns the user's identity ID in the identity pool. */
export function getIdRequest(settings: IdentitySettings, idToken: string): IdentityRequest {
  return identityRequest(settings.region, 'GetId', {
    IdentityPoolId: settings.identityPoolId,
    Logins: logins(settings, idToken),
  });
}

/** Builds the GetCredentialsForIdentity request for an identity ID and a fresh ID token. */
export function getCredentialsRequest(
  settings: IdentitySettings,
  identityId: string,
  idToken: string,
): IdentityRequest {
  return identityRequest(settings.region, 'GetCredentialsForIdentity', {
    IdentityId: identityId,
    Logins: logins(settings, idToken),
  });
}

/** Reads Credentials of a GetCredentialsForIdentity response, whose Expiration is epoch seconds. */
export function parseCredentials(response: unknown): TemporaryCredentials {
  const credentials = (response as { Credentials?: Record<string, unknown> })?.Credentials;
  const { AccessKeyId, SecretKey, SessionToken, Expiration } = credentials ?? {};
  if (
    typeof AccessKeyId !== 'string' ||
    typeof SecretKey !== 'string' ||
    typeof SessionToken !== 'string' ||
    typeof Expiration !== 'number'
  ) {
    throw new Error(
      'GetCredentialsForIdentity returned no complete Credentials (AccessKeyId, SecretKey, SessionToken, Expiration)',
    );
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretKey,
    sessionToken: SessionToken,
    expiresAt: Expiration * 1000,
  };
}

/** Sends one request. A non-2xx response raises an error with the status, __type and message. */
async function send(fetchFunction: FetchFunction, operation: string, request: IdentityRequest) {
  const response = await fetchFunction(request.url, request.init);
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 300);
    try {
      const error = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
      detail = `${error.__type ?? 'unknown error'}: ${error.message ?? error.Message ?? ''}`;
    } catch {
      // Not JSON, such as an HTML page of a proxy: the start of the text is the detail.
    }
    throw new Error(`Cognito identity ${operation} failed with HTTP ${response.status}: ${detail}`);
  }
  return JSON.parse(text) as unknown;
}

/**
 * Holds the identity pool credentials of the signed-in user in memory and renews them, with a
 * fresh ID token, when they are within CREDENTIALS_EXPIRY_MARGIN_MS of their expiry. Parallel
 * callers share one exchange.
 */
export class CredentialsProvider {
  private identityId: string | null = null;
  private cached: TemporaryCredentials | null = null;
  private pending: Promise<TemporaryCredentials | null> | null = null;

  /**
   * @param idToken returns a valid ID token of the user pool, renewed if need be, or null when the
   *     user has to sign in
   */
  constructor(
    private readonly settings: IdentitySettings,
    private readonly idToken: () => Promise<string | null>,
    private readonly fetchFunction: FetchFunction = (url, init) => fetch(url, init),
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns credentials valid for at least the margin, or null when the user has to sign in. */
  async credentials(): Promise<TemporaryCredentials | null> {
    if (this.cached && this.cached.expiresAt - CREDENTIALS_EXPIRY_MARGIN_MS > this.now()) {
      return this.cached;
    }
    if (!this.pending) {
      this.pending = this.exchange().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  /** Forgets the identity and the credentials, as on sign-out. */
  clear(): void {
    this.identityId = null;
    this.cached = null;
  }

  private async exchange(): Promise<TemporaryCredentials | null> {
    this.cached = null;
    const idToken = await this.idToken();
    if (idToken === null) {
      this.identityId = null;
      return null;
    }
    // The identity ID of a user in a pool does not change, so GetId runs once per page load.
    if (this.identityId === null) {
      const response = (await send(
        this.fetchFunction,
        'GetId',
        getIdRequest(this.settings, idToken),
      )) as { IdentityId?: unknown };
      if (typeof response.IdentityId !== 'string') {
        throw new Error('Cognito identity GetId returned no IdentityId');
      }
      this.identityId = response.IdentityId;
    }
    const response = await send(
      this.fetchFunction,
      'GetCredentialsForIdentity',
      getCredentialsRequest(this.settings, this.identityId, idToken),
    );
    this.cached = parseCredentials(response);
    return this.cached;
  }
}
