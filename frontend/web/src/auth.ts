// Sign-in with the Cognito user pool's hosted UI: authorization code flow with PKCE (S256) for the
// public app client, tokens kept in sessionStorage for the browser tab.

import { ConfigError, type CognitoSettings } from './config';
import { translateMessage, type Message } from './i18n';
import { codeChallengeS256, createCodeVerifier } from './pkce';

const PENDING_KEY = 'cat-data.pkce';
const TOKENS_KEY = 'cat-data.tokens';

/** Query parameters that the hosted UI's redirect back to the page can carry. */
const REDIRECT_PARAMETERS = ['code', 'state', 'error', 'error_description', 'error_uri'];

/**
 * Raised when sign-in fails at the hosted UI or at the token endpoint. The message is English, and
 * detail keeps the label key and parameters for the page's language.
 */
export class SignInError extends Error {
  constructor(readonly detail: Message) {
    super(translateMessage('en', detail));
  }
}

/** Renew tokens this long before they expire, so a search never carries an expired one. */
const EXPIRY_MARGIN_MS = 60_000;

interface StoredTokens {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  /** Expiry as epoch milliseconds. */
  expires_at: number;
}

interface TokenResponse {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

function domainUrl(settings: CognitoSettings): string {
  if (!settings.domain) {
    throw new ConfigError({ key: 'configDomainEmpty' });
  }
  return settings.domain.replace(/\/+$/, '');
}

export function redirectUri(settings: CognitoSettings, location: Location): string {
  return settings.redirectUri || `${location.origin}${location.pathname}`;
}

/** Builds the authorize URL of the hosted UI for a code challenge and state. */
export function authorizeUrl(
  settings: CognitoSettings,
  redirect: string,
  challenge: string,
  state: string,
): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirect,
    scope: settings.scopes.join(' '),
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  return `${domainUrl(settings)}/oauth2/authorize?${params}`;
}

/** Starts sign-in: stores a new verifier and state, then leaves for the hosted UI. */
export async function signIn(settings: CognitoSettings): Promise<void> {
  const verifier = createCodeVerifier();
  const state = createCodeVerifier();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const challenge = await codeChallengeS256(verifier);
  window.location.assign(
    authorizeUrl(settings, redirectUri(settings, window.location), challenge, state),
  );
}

export function signOut(settings: CognitoSettings): void {
  sessionStorage.removeItem(TOKENS_KEY);
  const params = new URLSearchParams({
    client_id: settings.clientId,
    logout_uri: redirectUri(settings, window.location),
  });
  window.location.assign(`${domainUrl(settings)}/logout?${params}`);
}

async function requestTokens(
  settings: CognitoSettings,
  form: Record<string, string>,
): Promise<StoredTokens> {
  const response = await fetch(`${domainUrl(settings)}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: settings.clientId, ...form }),
  });
  if (!response.ok) {
    const body = (await response.text()).slice(0, 300);
    throw new SignInError({ key: 'signInTokenFailed', params: { status: response.status, body } });
  }
  const tokens = (await response.json()) as TokenResponse;
  return {
    id_token: tokens.id_token,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? form.refresh_token,
    expires_at: Date.now() + tokens.expires_in * 1000,
  };
}

/**
 * Completes sign-in when the page was opened by the hosted UI's redirect: checks the state and
 * exchanges the code with the stored verifier. Returns false when the URL carries no code. Whether
 * it succeeds or throws a SignInError, it removes the redirect's parameters from the address bar,
 * so a reload neither repeats a failure nor sends a used code again.
 */
export async function completeSignIn(settings: CognitoSettings): Promise<boolean> {
  const url = new URL(window.location.href);
  if (!REDIRECT_PARAMETERS.some((name) => url.searchParams.has(name))) {
    return false;
  }
  try {
    return await exchangeCode(settings, url.searchParams);
  } finally {
    REDIRECT_PARAMETERS.forEach((name) => url.searchParams.delete(name));
    window.history.replaceState(null, '', url.toString());
  }
}

async function exchangeCode(settings: CognitoSettings, params: URLSearchParams): Promise<boolean> {
  const error = params.get('error');
  if (error) {
    throw new SignInError({
      key: 'signInDenied',
      params: { error, description: params.get('error_description') || '-' },
    });
  }
  const code = params.get('code');
  if (!code) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending || pending.state !== params.get('state')) {
    throw new SignInError({ key: 'signInStateMismatch' });
  }
  const tokens = await requestTokens(settings, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(settings, window.location),
    code_verifier: pending.verifier,
  });
  sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  return true;
}

/**
 * Returns the stored tokens, renewed with the refresh token when they are about to expire, or null
 * when the user has to sign in.
 */
async function currentTokens(settings: CognitoSettings): Promise<StoredTokens | null> {
  let tokens = JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? 'null') as StoredTokens | null;
  if (!tokens) {
    return null;
  }
  if (tokens.expires_at - EXPIRY_MARGIN_MS < Date.now()) {
    if (!tokens.refresh_token) {
      sessionStorage.removeItem(TOKENS_KEY);
      return null;
    }
    try {
      tokens = await requestTokens(settings, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
    } catch (e) {
      console.warn('renewing the tokens failed, so the user has to sign in again', e);
      sessionStorage.removeItem(TOKENS_KEY);
      return null;
    }
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  }
  return tokens;
}

/** Returns the token named by auth.cognito.bearerToken, or null when the user has to sign in. */
export async function bearerToken(settings: CognitoSettings): Promise<string | null> {
  return (await currentTokens(settings))?.[settings.bearerToken] ?? null;
}

/** Returns the ID token for the identity pool, or null when the user has to sign in. */
export async function idToken(settings: CognitoSettings): Promise<string | null> {
  return (await currentTokens(settings))?.id_token ?? null;
}
