// Runtime settings of the page, read from config.json next to index.html, so that one build
// serves every deployment.

export type AuthMode = 'cognito' | 'none';

/**
 * Authorization method of searches. sigv4 signs each with credentials from the identity pool, for
 * OpenSearch Service with IAM access. bearer sends the sign-in token to a proxy that verifies it.
 */
export type SearchSigning = 'sigv4' | 'bearer';

export interface CognitoSettings {
  /** Hosted UI domain of the user pool, such as https://example.auth.ap-northeast-1.amazoncognito.com. */
  domain: string;
  clientId: string;
  /** Redirect URI registered on the app client; empty means the page's own URL without query. */
  redirectUri: string;
  scopes: string[];
  /** Token sent as the bearer token on searches when searchSigning is bearer. */
  bearerToken: 'id_token' | 'access_token';
  /** Region of the user pool and the identity pool, such as ap-northeast-1. */
  region: string;
  /** User pool ID, such as ap-northeast-1_AbCdEf123, which names the pool in the Logins map. */
  userPoolId: string;
  /** Identity pool ID, such as ap-northeast-1:0c6a7f5e-..., whose credentials sign the searches. */
  identityPoolId: string;
  searchSigning: SearchSigning;
}

export interface MapConfig {
  /** Start of the index names the job writes (opensearch.index-prefix). */
  indexPrefix: string;
  /** Same-origin path under which POST <searchPath>/<index> runs <index>/_search. */
  searchPath: string;
  /** IANA zone of the job's local days (the job's time-zone property); times are shown in it. */
  timeZone: string;
  tiles: { url: string; attribution: string; maxZoom: number };
  /** Where the map opens before any data arrives: [lat, lon] and zoom. */
  initialView: { center: [number, number]; zoom: number };
  auth: { mode: AuthMode; cognito: CognitoSettings };
}

export const DEFAULT_CONFIG: MapConfig = {
  indexPrefix: 'cat-data',
  searchPath: '/api/search',
  timeZone: 'Asia/Tokyo',
  tiles: {
    url: 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png',
    attribution:
      '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener">地理院タイル</a>',
    maxZoom: 18,
  },
  initialView: { center: [35.7125, 139.78], zoom: 14 },
  auth: {
    mode: 'cognito',
    cognito: {
      domain: '',
      clientId: 'cat-data-client',
      redirectUri: '',
      scopes: ['openid', 'email', 'profile'],
      bearerToken: 'id_token',
      region: 'ap-northeast-1',
      userPoolId: '',
      identityPoolId: '',
      searchSigning: 'sigv4',
    },
  },
};

/** A config.json: any subset of the settings, each object as deep as in MapConfig. */
export interface ConfigFile {
  indexPrefix?: string;
  searchPath?: string;
  timeZone?: string;
  tiles?: Partial<MapConfig['tiles']>;
  initialView?: Partial<MapConfig['initialView']>;
  auth?: { mode?: AuthMode; cognito?: Partial<CognitoSettings> };
}

/** Merges a parsed config.json over the defaults. */
export function mergeConfig(file: ConfigFile): MapConfig {
  return {
    indexPrefix: file.indexPrefix ?? DEFAULT_CONFIG.indexPrefix,
    searchPath: file.searchPath ?? DEFAULT_CONFIG.searchPath,
    timeZone: file.timeZone ?? DEFAULT_CONFIG.timeZone,
    tiles: { ...DEFAULT_CONFIG.tiles, ...file.tiles },
    initialView: { ...DEFAULT_CONFIG.initialView, ...file.initialView },
    auth: {
      mode: file.auth?.mode ?? DEFAULT_CONFIG.auth.mode,
      cognito: { ...DEFAULT_CONFIG.auth.cognito, ...file.auth?.cognito },
    },
  };
}

/**
 * Checks the Cognito settings that searches need, so that a wrong config.json fails before sign-in
 * with the key to fix.
 */
export function checkCognitoSettings(settings: CognitoSettings): void {
  if (settings.searchSigning !== 'sigv4' && settings.searchSigning !== 'bearer') {
    throw new Error(
      `auth.cognito.searchSigning is "${settings.searchSigning}" in config.json. Set it to "sigv4" (searches signed with identity pool credentials) or "bearer" (sign-in token sent to a proxy).`,
    );
  }
  if (settings.searchSigning === 'bearer') {
    return;
  }
  if (!settings.region) {
    throw new Error(
      'auth.cognito.region is empty in config.json. Set it to the region of the user pool and the identity pool, such as ap-northeast-1.',
    );
  }
  if (!settings.userPoolId) {
    throw new Error(
      `auth.cognito.userPoolId is empty in config.json. Set it to the user pool ID, such as ${settings.region}_AbCdEf123, or set auth.cognito.searchSigning to "bearer".`,
    );
  }
  if (!settings.identityPoolId) {
    throw new Error(
      `auth.cognito.identityPoolId is empty in config.json. Set it to the identity pool ID, such as ${settings.region}:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab, or set auth.cognito.searchSigning to "bearer".`,
    );
  }
  // Both IDs start with the region they live in, so a mismatch would send the login to the wrong
  // endpoint or name a user pool the identity pool does not trust.
  if (!settings.userPoolId.startsWith(`${settings.region}_`)) {
    throw new Error(
      `auth.cognito.userPoolId "${settings.userPoolId}" is not in auth.cognito.region ${settings.region}. Set both to the user pool's values.`,
    );
  }
  if (!settings.identityPoolId.startsWith(`${settings.region}:`)) {
    throw new Error(
      `auth.cognito.identityPoolId "${settings.identityPoolId}" is not in auth.cognito.region ${settings.region}. Set both to the identity pool's values.`,
    );
  }
}

/** Fetches config.json beside the page; a missing file leaves the defaults in place. */
export async function loadConfig(): Promise<MapConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (response.status === 404) {
    return DEFAULT_CONFIG;
  }
  if (!response.ok) {
    throw new Error(`loading config.json failed with HTTP ${response.status}`);
  }
  return mergeConfig((await response.json()) as ConfigFile);
}
