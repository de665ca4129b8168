// Runtime settings of the page, read from config.json next to index.html, so that one build
// serves every deployment.

export type AuthMode = 'cognito' | 'none';

export interface CognitoSettings {
  /** Hosted UI domain of the user pool, such as https://example.auth.ap-northeast-1.amazoncognito.com. */
  domain: string;
  clientId: string;
  /** Redirect URI registered on the app client; empty means the page's own URL without query. */
  redirectUri: string;
  scopes: string[];
  /** Token sent as the bearer token on searches. */
  bearerToken: 'id_token' | 'access_token';
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
