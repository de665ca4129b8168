import { describe, expect, it } from 'vitest';
import {
  CredentialsProvider,
  getCredentialsRequest,
  getIdRequest,
  parseCredentials,
  type IdentityRequest,
} from '../../src/credentials';

const SETTINGS = {
  region: 'ap-northeast-1',
  userPoolId: 'ap-northeast-1_AbCdEf123',
  identityPoolId: 'ap-northeast-1:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab',
};
const ENDPOINT = 'https://cognito-identity.ap-northeast-1.amazonaws.com/';
const PROVIDER_NAME = 'cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbCdEf123';
const IDENTITY_ID = 'ap-northeast-1:5f1e2d3c-4b5a-6978-8a9b-cdef01234567';

// Response shapes of the Cognito identity API reference (GetId, GetCredentialsForIdentity and an
// error of the AWS JSON 1.1 protocol), with made-up values.
const GET_ID_RESPONSE = { IdentityId: IDENTITY_ID };
const EXPIRATION_S = 1719221400; // 2024-06-24T09:30:00Z
function credentialsResponse(n: number, expiration = EXPIRATION_S) {
  return {
    IdentityId: IDENTITY_ID,
    Credentials: {
      AccessKeyId: `ASIAEXAMPLE${n}`,
      Expiration: expiration,
      SecretKey: `secret-${n}`,
      SessionToken: `session-${n}`,
    },
  };
}

interface RecordedCall {
  url: string;
  target: string;
  body: Record<string, unknown>;
}

/** A fetch that records each call and returns the next queued response. */
function recordingFetch(responses: { status: number; body: unknown }[]) {
  const calls: RecordedCall[] = [];
  const fetchFunction = async (url: string, init: IdentityRequest['init']) => {
    calls.push({
      url,
      target: init.headers['X-Amz-Target'],
      body: JSON.parse(init.body) as Record<string, unknown>,
    });
    const next = responses.shift();
    if (!next) {
      throw new Error('unexpected call: no response queued');
    }
    const text = typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
    return new Response(text, { status: next.status });
  };
  return { calls, fetchFunction };
}

/** An ID token source that returns id-1, id-2, ... and counts its calls. */
function tokenSource() {
  const source = { count: 0, next: async (): Promise<string | null> => `id-${++source.count}` };
  return source;
}

describe('identity requests', () => {
  it('GetId request', () => {
    const request = getIdRequest(SETTINGS, 'ID-TOKEN');
    expect(request.url).toBe(ENDPOINT);
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityService.GetId',
    });
    expect(JSON.parse(request.init.body)).toEqual({
      IdentityPoolId: 'ap-northeast-1:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab',
      Logins: { [PROVIDER_NAME]: 'ID-TOKEN' },
    });
  });

  it('GetCredentialsForIdentity request', () => {
    const request = getCredentialsRequest(SETTINGS, IDENTITY_ID, 'ID-TOKEN');
    expect(request.url).toBe(ENDPOINT);
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityService.GetCredentialsForIdentity',
    });
    expect(JSON.parse(request.init.body)).toEqual({
      IdentityId: IDENTITY_ID,
      Logins: { [PROVIDER_NAME]: 'ID-TOKEN' },
    });
  });

  it('credentials parsed', () => {
    const credentials = parseCredentials(credentialsResponse(1));
    expect(credentials.accessKeyId).toBe('ASIAEXAMPLE1');
    expect(credentials.secretAccessKey).toBe('secret-1');
    expect(credentials.sessionToken).toBe('session-1');
    expect(credentials.expiresAt).toBe(Date.parse('2024-06-24T09:30:00Z'));
  });

  it('incomplete credentials rejected', () => {
    const response = credentialsResponse(1);
    delete (response.Credentials as Partial<typeof response.Credentials>).SessionToken;
    expect(() => parseCredentials(response)).toThrow(/no complete Credentials/);
    expect(() => parseCredentials({})).toThrow(/no complete Credentials/);
  });
});

describe('credentials provider', () => {
  const expiresAt = EXPIRATION_S * 1000;

  it('first call runs GetId then GetCredentialsForIdentity', async () => {
    const { calls, fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 200, body: credentialsResponse(1) },
    ]);
    const tokens = tokenSource();
    const provider = new CredentialsProvider(SETTINGS, tokens.next, fetchFunction, () => 0);

    const credentials = await provider.credentials();

    expect(credentials?.accessKeyId).toBe('ASIAEXAMPLE1');
    expect(calls.map((call) => call.target)).toEqual([
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
    ]);
    expect(calls[0].url).toBe(ENDPOINT);
    expect(calls[1].body).toEqual({ IdentityId: IDENTITY_ID, Logins: { [PROVIDER_NAME]: 'id-1' } });
  });

  it('cached until margin', async () => {
    const { calls, fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 200, body: credentialsResponse(1) },
    ]);
    let now = expiresAt - 3_600_000;
    const provider = new CredentialsProvider(
      SETTINGS,
      tokenSource().next,
      fetchFunction,
      () => now,
    );
    await provider.credentials();

    now = expiresAt - 60_001;
    const credentials = await provider.credentials();

    expect(credentials?.accessKeyId).toBe('ASIAEXAMPLE1');
    expect(calls).toHaveLength(2);
  });

  it('renewed within margin with fresh token', async () => {
    const { calls, fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 200, body: credentialsResponse(1) },
      { status: 200, body: credentialsResponse(2, EXPIRATION_S + 3600) },
    ]);
    let now = expiresAt - 3_600_000;
    const tokens = tokenSource();
    const provider = new CredentialsProvider(SETTINGS, tokens.next, fetchFunction, () => now);
    await provider.credentials();

    now = expiresAt - 59_000;
    const credentials = await provider.credentials();

    expect(credentials?.accessKeyId).toBe('ASIAEXAMPLE2');
    expect(credentials?.expiresAt).toBe(expiresAt + 3_600_000);
    expect(calls).toHaveLength(3);
    expect(calls[2].target).toBe('AWSCognitoIdentityService.GetCredentialsForIdentity');
    expect(calls[2].body).toEqual({ IdentityId: IDENTITY_ID, Logins: { [PROVIDER_NAME]: 'id-2' } });
    expect(tokens.count).toBe(2);
  });

  it('parallel calls share one exchange', async () => {
    const { calls, fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 200, body: credentialsResponse(1) },
    ]);
    const provider = new CredentialsProvider(SETTINGS, tokenSource().next, fetchFunction, () => 0);

    const results = await Promise.all([
      provider.credentials(),
      provider.credentials(),
      provider.credentials(),
    ]);

    expect(calls).toHaveLength(2);
    expect(results.map((c) => c?.accessKeyId)).toEqual([
      'ASIAEXAMPLE1',
      'ASIAEXAMPLE1',
      'ASIAEXAMPLE1',
    ]);
  });

  it('null without sign-in', async () => {
    const { calls, fetchFunction } = recordingFetch([]);
    const provider = new CredentialsProvider(
      SETTINGS,
      async () => null,
      fetchFunction,
      () => 0,
    );

    await expect(provider.credentials()).resolves.toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('error names type and message', async () => {
    const { fetchFunction } = recordingFetch([
      {
        status: 400,
        body: {
          __type: 'NotAuthorizedException',
          message: 'Invalid login token. Token expired: 1719221400 >= 1719217800',
        },
      },
    ]);
    const provider = new CredentialsProvider(SETTINGS, tokenSource().next, fetchFunction, () => 0);

    await expect(provider.credentials()).rejects.toThrow(
      'Cognito identity GetId failed with HTTP 400: NotAuthorizedException: Invalid login token. Token expired: 1719221400 >= 1719217800',
    );
  });

  it('error of non-JSON body', async () => {
    const { fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 502, body: '<html>Bad Gateway</html>' },
    ]);
    const provider = new CredentialsProvider(SETTINGS, tokenSource().next, fetchFunction, () => 0);

    await expect(provider.credentials()).rejects.toThrow(
      'Cognito identity GetCredentialsForIdentity failed with HTTP 502: <html>Bad Gateway</html>',
    );
  });

  it('retries after failure', async () => {
    const { calls, fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 400, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } },
      { status: 200, body: credentialsResponse(1) },
    ]);
    const provider = new CredentialsProvider(SETTINGS, tokenSource().next, fetchFunction, () => 0);

    await expect(provider.credentials()).rejects.toThrow(/TooManyRequestsException/);
    const credentials = await provider.credentials();

    expect(credentials?.accessKeyId).toBe('ASIAEXAMPLE1');
    expect(calls.map((call) => call.target)).toEqual([
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
    ]);
  });

  it('clear forgets identity', async () => {
    const { calls, fetchFunction } = recordingFetch([
      { status: 200, body: GET_ID_RESPONSE },
      { status: 200, body: credentialsResponse(1) },
      { status: 200, body: GET_ID_RESPONSE },
      { status: 200, body: credentialsResponse(2) },
    ]);
    const provider = new CredentialsProvider(SETTINGS, tokenSource().next, fetchFunction, () => 0);
    await provider.credentials();

    provider.clear();
    const credentials = await provider.credentials();

    expect(credentials?.accessKeyId).toBe('ASIAEXAMPLE2');
    expect(calls.map((call) => call.target)).toEqual([
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
    ]);
  });
});
