import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeSignIn, SignInError } from '../../src/auth';
import { DEFAULT_CONFIG } from '../../src/config';
import { translateMessage } from '../../src/i18n';

const SETTINGS = {
  ...DEFAULT_CONFIG.auth.cognito,
  domain: 'https://example.auth.ap-northeast-1.amazoncognito.com',
  redirectUri: 'https://map.example.jp/map/',
};
const PENDING_KEY = 'cat-data.pkce';
const TOKENS_KEY = 'cat-data.tokens';

describe('sign-in redirect', () => {
  let storage: Map<string, string>;
  let addressBar: string[];
  let tokenRequests: URLSearchParams[];
  let tokenStatus: number;

  /** Opens the page at a URL, as the hosted UI's redirect does. */
  function openPage(href: string): void {
    const url = new URL(href);
    vi.stubGlobal('window', {
      location: { href, origin: url.origin, pathname: url.pathname },
      history: {
        replaceState: (_data: unknown, _unused: string, next: string) => addressBar.push(next),
      },
    });
  }

  beforeEach(() => {
    storage = new Map();
    addressBar = [];
    tokenRequests = [];
    tokenStatus = 200;
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
      removeItem: (key: string) => storage.delete(key),
    });
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      tokenRequests.push(new URLSearchParams(init.body as URLSearchParams));
      if (tokenStatus !== 200) {
        return new Response('{"error":"invalid_grant"}', { status: tokenStatus });
      }
      return new Response(
        JSON.stringify({
          id_token: 'ID',
          access_token: 'ACCESS',
          refresh_token: 'R',
          expires_in: 3600,
        }),
      );
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function signInError(): Promise<SignInError> {
    const error = await completeSignIn(SETTINGS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    return error as SignInError;
  }

  it('no parameters returns false', async () => {
    openPage('https://map.example.jp/map/');
    expect(await completeSignIn(SETTINGS)).toBe(false);
    expect(addressBar).toEqual([]);
  });

  it('denied sign-in is sign-in error', async () => {
    openPage(
      'https://map.example.jp/map/?error=access_denied&error_description=User+is+disabled.&state=s1',
    );
    const error = await signInError();
    expect(error.message).toBe(
      'the hosted UI returned access_denied (User is disabled.). Sign in again, or ask an administrator to check your account.',
    );
    expect(addressBar).toEqual(['https://map.example.jp/map/']);
    expect(tokenRequests).toEqual([]);
  });

  it('denied sign-in in japanese', async () => {
    openPage('https://map.example.jp/map/?error=access_denied');
    const text = translateMessage('ja', (await signInError()).detail);
    expect(text).toContain('access_denied');
    expect(text).toMatch(/もう一度サインイン/);
  });

  it('state mismatch cleans url', async () => {
    openPage('https://map.example.jp/map/?code=abc&state=zzz');
    const error = await signInError();
    expect(error.detail.key).toBe('signInStateMismatch');
    expect(addressBar).toEqual(['https://map.example.jp/map/']);
    expect(tokenRequests).toEqual([]);
  });

  it('other parameters kept', async () => {
    openPage('https://map.example.jp/map/?view=track&code=abc&state=zzz');
    await signInError();
    expect(addressBar).toEqual(['https://map.example.jp/map/?view=track']);
  });

  it('matching state exchanges code', async () => {
    storage.set(PENDING_KEY, JSON.stringify({ verifier: 'VERIFIER', state: 's1' }));
    openPage('https://map.example.jp/map/?code=abc&state=s1');
    expect(await completeSignIn(SETTINGS)).toBe(true);
    expect(tokenRequests.length).toBe(1);
    expect(tokenRequests[0].get('code')).toBe('abc');
    expect(tokenRequests[0].get('code_verifier')).toBe('VERIFIER');
    expect(JSON.parse(storage.get(TOKENS_KEY) ?? '{}').id_token).toBe('ID');
    expect(storage.has(PENDING_KEY)).toBe(false);
    expect(addressBar).toEqual(['https://map.example.jp/map/']);
  });

  it('token endpoint failure cleans url', async () => {
    tokenStatus = 400;
    storage.set(PENDING_KEY, JSON.stringify({ verifier: 'VERIFIER', state: 's1' }));
    openPage('https://map.example.jp/map/?code=used&state=s1');
    const error = await signInError();
    expect(error.message).toBe(
      'the token endpoint returned HTTP 400 ({"error":"invalid_grant"}). Sign in again.',
    );
    expect(storage.has(TOKENS_KEY)).toBe(false);
    expect(addressBar).toEqual(['https://map.example.jp/map/']);
  });
});
