// Runtime settings of the page, read from config.json next to index.html, so that one build
// serves every deployment.

import { translateMessage, type Message, type MessageKey } from './i18n';

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
 * Raised for a config.json that cannot be used. The message is English, and detail keeps the label
 * key and parameters so that the page can show the error in the chosen language.
 */
export class ConfigError extends Error {
  constructor(readonly detail: Message) {
    super(translateMessage('en', detail));
  }
}

function configError(key: MessageKey, params?: Message['params']): ConfigError {
  return new ConfigError({ key, params });
}

/** Returns a value as it appears in JSON, such as "off" or [1], cut to 80 characters. */
function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True when Intl accepts the IANA zone name, which the page needs to show local dates in it. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Throws unless the value is a string. With a defaultValue, an empty string is rejected too. */
function checkString(value: unknown, key: string, defaultValue?: string): void {
  if (typeof value !== 'string') {
    throw configError('configNotString', { key, value: showValue(value) });
  }
  if (defaultValue !== undefined && value.trim() === '') {
    throw configError('configEmpty', { key, default: defaultValue });
  }
}

function checkNumber(value: unknown, key: string): void {
  if (!isFiniteNumber(value) || value < 0) {
    throw configError('configNotNumber', { key, value: showValue(value) });
  }
}

function checkHttpUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Checks that the sections of a parsed config.json (tiles, initialView, auth, auth.cognito) are
 * JSON objects, because mergeConfig spreads them over the defaults. A string or an array would
 * spread into keys such as "0".
 */
function checkSections(file: unknown): asserts file is ConfigFile {
  if (!isObject(file)) {
    throw configError('configRootNotObject');
  }
  const sections: [string, unknown][] = [
    ['tiles', file.tiles],
    ['initialView', file.initialView],
    ['auth', file.auth],
    ['auth.cognito', isObject(file.auth) ? file.auth.cognito : undefined],
  ];
  for (const [key, value] of sections) {
    if (value !== undefined && !isObject(value)) {
      throw configError('configNotObject', { key, value: showValue(value) });
    }
  }
}

/** Checks the type of every Cognito setting, whichever auth.mode is chosen. */
function checkCognitoTypes(cognito: CognitoSettings): void {
  for (const key of [
    'domain',
    'clientId',
    'redirectUri',
    'bearerToken',
    'region',
    'userPoolId',
    'identityPoolId',
    'searchSigning',
  ] as const) {
    checkString(cognito[key], `auth.cognito.${key}`);
  }
  const scopes: unknown = cognito.scopes;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    throw configError('configNotStringArray', {
      key: 'auth.cognito.scopes',
      value: showValue(scopes),
    });
  }
}

/** Checks the settings that sign-in with the hosted UI needs, for auth.mode cognito. */
function checkSignInSettings(cognito: CognitoSettings): void {
  if (!cognito.domain) {
    throw configError('configDomainEmpty');
  }
  if (!checkHttpUrl(cognito.domain, ['https:'])) {
    throw configError('configDomainInvalid', { value: showValue(cognito.domain) });
  }
  checkString(cognito.clientId, 'auth.cognito.clientId', DEFAULT_CONFIG.auth.cognito.clientId);
  if (cognito.redirectUri && !checkHttpUrl(cognito.redirectUri, ['https:', 'http:'])) {
    throw configError('configRedirectUri', { value: showValue(cognito.redirectUri) });
  }
  // Cognito returns an ID token only for the openid scope, and both the identity pool exchange
  // and the id_token bearer need it.
  if (!cognito.scopes.includes('openid')) {
    throw configError('configScopesOpenid', { value: showValue(cognito.scopes) });
  }
  if (cognito.bearerToken !== 'id_token' && cognito.bearerToken !== 'access_token') {
    throw configError('configInvalidValue', {
      key: 'auth.cognito.bearerToken',
      value: showValue(cognito.bearerToken),
      allowed: '"id_token", "access_token"',
    });
  }
}

/**
 * Checks the Cognito settings that searches need, so that a wrong config.json fails before sign-in
 * with the key to fix.
 */
export function checkCognitoSettings(settings: CognitoSettings): void {
  if (settings.searchSigning !== 'sigv4' && settings.searchSigning !== 'bearer') {
    throw configError('configSearchSigning', { value: showValue(settings.searchSigning) });
  }
  if (settings.searchSigning === 'bearer') {
    return;
  }
  if (!settings.region) {
    throw configError('configRegionEmpty');
  }
  if (!settings.userPoolId) {
    throw configError('configUserPoolIdEmpty', { region: settings.region });
  }
  if (!settings.identityPoolId) {
    throw configError('configIdentityPoolIdEmpty', { region: settings.region });
  }
  // Both IDs start with the region they live in, so a mismatch would send the login to the wrong
  // endpoint or name a user pool the identity pool does not trust.
  if (!settings.userPoolId.startsWith(`${settings.region}_`)) {
    throw configError('configUserPoolRegion', {
      id: settings.userPoolId,
      region: settings.region,
    });
  }
  if (!settings.identityPoolId.startsWith(`${settings.region}:`)) {
    throw configError('configIdentityPoolRegion', {
      id: settings.identityPoolId,
      region: settings.region,
    });
  }
}

/**
 * Checks a merged configuration: the type of every key, the allowed values of enumerations, the
 * time zone, and for auth.mode cognito the keys that sign-in and signed searches need. Throws a
 * ConfigError naming the first wrong key.
 */
export function checkConfig(config: MapConfig): void {
  checkString(config.indexPrefix, 'indexPrefix', DEFAULT_CONFIG.indexPrefix);
  // The job's rule for opensearch.index-prefix (JobConfig in flink-job).
  if (!/^[a-z0-9][a-z0-9_-]{0,99}$/.test(config.indexPrefix)) {
    throw configError('configIndexPrefix', { value: showValue(config.indexPrefix) });
  }
  checkString(config.searchPath, 'searchPath', DEFAULT_CONFIG.searchPath);
  checkString(config.timeZone, 'timeZone', DEFAULT_CONFIG.timeZone);
  if (!isTimeZone(config.timeZone)) {
    throw configError('configTimeZone', { value: showValue(config.timeZone) });
  }

  checkString(config.tiles.url, 'tiles.url', DEFAULT_CONFIG.tiles.url);
  checkString(config.tiles.attribution, 'tiles.attribution');
  checkNumber(config.tiles.maxZoom, 'tiles.maxZoom');
  const center: unknown = config.initialView.center;
  if (
    !Array.isArray(center) ||
    center.length !== 2 ||
    !center.every(isFiniteNumber) ||
    Math.abs(center[0]) > 90 ||
    Math.abs(center[1]) > 180
  ) {
    throw configError('configNotLatLon', { key: 'initialView.center', value: showValue(center) });
  }
  checkNumber(config.initialView.zoom, 'initialView.zoom');

  if (config.auth.mode !== 'cognito' && config.auth.mode !== 'none') {
    throw configError('configAuthMode', { value: showValue(config.auth.mode) });
  }
  checkCognitoTypes(config.auth.cognito);
  if (config.auth.mode === 'cognito') {
    checkSignInSettings(config.auth.cognito);
    checkCognitoSettings(config.auth.cognito);
  }
}

/** Parses the text of a config.json, merges it over the defaults and checks the result. */
export function parseConfig(text: string): MapConfig {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw configError('configInvalidJson', { detail: (e as Error).message });
  }
  checkSections(file);
  const config = mergeConfig(file);
  checkConfig(config);
  return config;
}

/**
 * Fetches config.json beside the page and checks it. A missing file leaves the defaults in place,
 * which fail the check as long as the defaults have no Cognito domain and pool IDs. Throws a
 * ConfigError when the file cannot be loaded or contains a wrong setting.
 */
export async function loadConfig(): Promise<MapConfig> {
  let response: Response;
  let text: string;
  try {
    response = await fetch('config.json', { cache: 'no-store' });
    text = await response.text();
  } catch (e) {
    throw configError('configUnreachable', { detail: (e as Error).message });
  }
  if (response.status === 404) {
    try {
      checkConfig(DEFAULT_CONFIG);
    } catch (e) {
      throw configError('configNotFound', { detail: (e as ConfigError).detail });
    }
    return DEFAULT_CONFIG;
  }
  if (!response.ok) {
    throw configError('configHttp', { status: response.status });
  }
  return parseConfig(text);
}
