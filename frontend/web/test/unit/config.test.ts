import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkCognitoSettings,
  ConfigError,
  DEFAULT_CONFIG,
  isTimeZone,
  loadConfig,
  mergeConfig,
  parseConfig,
  type ConfigFile,
} from '../../src/config';
import { authorizeUrl } from '../../src/auth';
import { translateMessage } from '../../src/i18n';

/** The keys the CDK app writes into the deployed config.json. */
const DEPLOYED: ConfigFile = {
  indexPrefix: 'cat-data',
  searchPath: '/api/search',
  timeZone: 'Asia/Tokyo',
  auth: {
    mode: 'cognito',
    cognito: {
      domain: 'https://cat-data.auth.ap-northeast-1.amazoncognito.com',
      clientId: '4h7k2m9p1q3r5s6t8u0v2w4x6y',
      redirectUri: 'https://dashboards.example.com/map/',
      scopes: ['openid', 'email', 'profile'],
      bearerToken: 'id_token',
      region: 'ap-northeast-1',
      userPoolId: 'ap-northeast-1_AbCdEf123',
      identityPoolId: 'ap-northeast-1:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab',
      searchSigning: 'sigv4',
    },
  },
};

/** Returns the deployed config.json with one Cognito setting replaced, as JSON text. */
function deployedWith(cognito: Record<string, unknown>): string {
  return JSON.stringify({
    ...DEPLOYED,
    auth: { mode: 'cognito', cognito: { ...DEPLOYED.auth?.cognito, ...cognito } },
  });
}

/** Returns the ConfigError that parsing the text raises. */
function parseError(text: string): ConfigError {
  try {
    parseConfig(text);
  } catch (e) {
    if (e instanceof ConfigError) {
      return e;
    }
    throw e;
  }
  throw new Error(`parseConfig accepted ${text}`);
}

describe('config', () => {
  it('defaults to GSI tiles and Cognito', () => {
    expect(DEFAULT_CONFIG.tiles.url).toBe(
      'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png',
    );
    expect(DEFAULT_CONFIG.tiles.attribution).toContain('地理院タイル');
    expect(DEFAULT_CONFIG.auth.mode).toBe('cognito');
    expect(DEFAULT_CONFIG.auth.cognito.clientId).toBe('cat-data-client');
  });

  it('merge keeps unset defaults', () => {
    const config = mergeConfig({
      tiles: { url: 'http://127.0.0.1/{z}/{x}/{y}.png' },
      auth: { mode: 'none' },
    });
    expect(config.tiles.url).toBe('http://127.0.0.1/{z}/{x}/{y}.png');
    expect(config.tiles.attribution).toBe(DEFAULT_CONFIG.tiles.attribution);
    expect(config.auth.mode).toBe('none');
    expect(config.auth.cognito.clientId).toBe('cat-data-client');
    expect(config.indexPrefix).toBe('cat-data');
  });

  it('authorize url carries PKCE', () => {
    const settings = {
      ...DEFAULT_CONFIG.auth.cognito,
      domain: 'https://example.auth.ap-northeast-1.amazoncognito.com/',
    };
    const url = new URL(authorizeUrl(settings, 'https://map.example.jp/', 'CHALLENGE', 'STATE'));
    expect(url.origin + url.pathname).toBe(
      'https://example.auth.ap-northeast-1.amazoncognito.com/oauth2/authorize',
    );
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('cat-data-client');
    expect(url.searchParams.get('redirect_uri')).toBe('https://map.example.jp/');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe('CHALLENGE');
    expect(url.searchParams.get('state')).toBe('STATE');
    expect(url.searchParams.get('scope')).toBe('openid email profile');
  });

  it('authorize url needs domain', () => {
    expect(() =>
      authorizeUrl(DEFAULT_CONFIG.auth.cognito, 'https://map.example.jp/', 'C', 'S'),
    ).toThrow(/auth.cognito.domain is empty/);
  });

  it('defaults sign searches with sigv4', () => {
    expect(DEFAULT_CONFIG.auth.cognito.searchSigning).toBe('sigv4');
    expect(DEFAULT_CONFIG.auth.cognito.region).toBe('ap-northeast-1');
    expect(DEFAULT_CONFIG.auth.cognito.userPoolId).toBe('');
    expect(DEFAULT_CONFIG.auth.cognito.identityPoolId).toBe('');
  });

  it('merge of deployed config', () => {
    // The keys the CDK app writes into the deployed config.json.
    const config = mergeConfig({
      indexPrefix: 'cat-data',
      searchPath: '/api/search',
      timeZone: 'Asia/Tokyo',
      auth: {
        mode: 'cognito',
        cognito: {
          domain: 'https://cat-data.auth.ap-northeast-1.amazoncognito.com',
          clientId: '4h7k2m9p1q3r5s6t8u0v2w4x6y',
          redirectUri: 'https://dashboards.example.com/map/',
          region: 'ap-northeast-1',
          userPoolId: 'ap-northeast-1_AbCdEf123',
          identityPoolId: 'ap-northeast-1:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab',
          searchSigning: 'sigv4',
        },
      },
    });
    expect(config.auth.cognito.clientId).toBe('4h7k2m9p1q3r5s6t8u0v2w4x6y');
    expect(config.auth.cognito.userPoolId).toBe('ap-northeast-1_AbCdEf123');
    expect(config.auth.cognito.scopes).toEqual(['openid', 'email', 'profile']);
    expect(config.auth.cognito.bearerToken).toBe('id_token');
    expect(config.tiles).toEqual(DEFAULT_CONFIG.tiles);
    expect(config.initialView).toEqual(DEFAULT_CONFIG.initialView);
    expect(() => checkCognitoSettings(config.auth.cognito)).not.toThrow();
  });

  it('public config names every cognito key', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8'),
    ) as ConfigFile;
    expect(Object.keys(file.auth?.cognito ?? {}).sort()).toEqual(
      Object.keys(DEFAULT_CONFIG.auth.cognito).sort(),
    );
    expect(file.auth?.cognito?.searchSigning).toBe('sigv4');
  });

  describe('cognito check', () => {
    const valid = {
      ...DEFAULT_CONFIG.auth.cognito,
      userPoolId: 'ap-northeast-1_AbCdEf123',
      identityPoolId: 'ap-northeast-1:0c6a7f5e-1b2d-4c3e-8f9a-0123456789ab',
    };

    it('sigv4 needs user pool id', () => {
      expect(() => checkCognitoSettings({ ...valid, userPoolId: '' })).toThrow(
        /auth.cognito.userPoolId is empty/,
      );
    });

    it('sigv4 needs identity pool id', () => {
      expect(() => checkCognitoSettings({ ...valid, identityPoolId: '' })).toThrow(
        /auth.cognito.identityPoolId is empty/,
      );
    });

    it('sigv4 needs region', () => {
      expect(() => checkCognitoSettings({ ...valid, region: '' })).toThrow(
        /auth.cognito.region is empty/,
      );
    });

    it('defaults fail on user pool id', () => {
      expect(() => checkCognitoSettings(DEFAULT_CONFIG.auth.cognito)).toThrow(
        /auth.cognito.userPoolId is empty/,
      );
    });

    it('bearer needs no pool ids', () => {
      expect(() =>
        checkCognitoSettings({ ...DEFAULT_CONFIG.auth.cognito, searchSigning: 'bearer' }),
      ).not.toThrow();
    });

    it('unknown signing rejected', () => {
      const settings = { ...valid, searchSigning: 'iam' as 'sigv4' };
      expect(() => checkCognitoSettings(settings)).toThrow(/auth.cognito.searchSigning is "iam"/);
    });

    it('region mismatch rejected', () => {
      expect(() => checkCognitoSettings({ ...valid, region: 'us-east-1' })).toThrow(
        /auth.cognito.userPoolId "ap-northeast-1_AbCdEf123" is not in auth.cognito.region us-east-1/,
      );
      expect(() =>
        checkCognitoSettings({ ...valid, identityPoolId: 'us-east-1:0c6a7f5e' }),
      ).toThrow(/auth.cognito.identityPoolId "us-east-1:0c6a7f5e" is not in/);
    });

    it('valid settings pass', () => {
      expect(() => checkCognitoSettings(valid)).not.toThrow();
    });
  });

  describe('parse', () => {
    it('local config passes', () => {
      const config = parseConfig(
        readFileSync(new URL('../../config.local.json', import.meta.url), 'utf8'),
      );
      expect(config.auth.mode).toBe('none');
      expect(config.timeZone).toBe('Europe/London');
      expect(config.initialView.center).toEqual([50.16, -5.1]);
    });

    it('deployed config passes', () => {
      const config = parseConfig(JSON.stringify(DEPLOYED));
      expect(config.auth.cognito.userPoolId).toBe('ap-northeast-1_AbCdEf123');
      expect(config.tiles).toEqual(DEFAULT_CONFIG.tiles);
    });

    it('none mode needs no cognito keys', () => {
      expect(parseConfig('{"auth":{"mode":"none"}}').auth.mode).toBe('none');
    });

    it('invalid json names config.json', () => {
      const error = parseError('{indexPrefix: "cat-data"}');
      expect(error.detail.key).toBe('configInvalidJson');
      expect(error.message).toMatch(/^config\.json is not valid JSON: .+\. Fix the file/);
    });

    it('empty file is invalid json', () => {
      expect(parseError('').message).toMatch(/^config\.json is not valid JSON: /);
      expect(parseError('   ').message).toMatch(/^config\.json is not valid JSON: /);
    });

    it('invalid json in japanese', () => {
      const text = translateMessage('ja', parseError('{').detail);
      expect(text).toMatch(/^config\.json が正しい JSON ではありません: .+。/);
    });

    it('top level must be object', () => {
      for (const text of ['[]', 'null', '"cat-data"', '14']) {
        expect(parseError(text).detail.key, text).toBe('configRootNotObject');
      }
    });

    it('sections must be objects', () => {
      expect(parseError('{"tiles":"gsi"}').message).toBe(
        'tiles is "gsi" in config.json, but it must be a JSON object. Fix it, or remove the key to use the defaults.',
      );
      expect(parseError('{"initialView":[35,139]}').message).toMatch(/^initialView is \[35,139\]/);
      expect(parseError('{"auth":null}').message).toMatch(/^auth is null/);
      expect(parseError('{"auth":{"cognito":"x"}}').message).toMatch(/^auth\.cognito is "x"/);
    });

    it('unknown auth mode rejected', () => {
      const error = parseError('{"auth":{"mode":"off"}}');
      expect(error.message).toBe(
        'auth.mode is "off" in config.json. Set it to "cognito" (sign-in with the user pool) or "none" (a local node without sign-in).',
      );
      expect(error.message).not.toContain('userPoolId');
    });

    it('center must be two numbers', () => {
      for (const center of [
        '[35]',
        '["35.7", "139.8"]',
        '[35, 139, 1]',
        '"35,139"',
        '[91, 0]',
        '[0, 181]',
      ]) {
        const error = parseError(`{"initialView":{"center":${center}}}`);
        expect(error.detail.key, center).toBe('configNotLatLon');
        expect(error.message, center).toMatch(/^initialView\.center is /);
      }
    });

    it('zoom must be number', () => {
      expect(parseError('{"initialView":{"zoom":"14"}}').message).toMatch(
        /^initialView\.zoom is "14" in config\.json, but it must be a number/,
      );
      expect(parseError('{"initialView":{"zoom":-1}}').detail.key).toBe('configNotNumber');
      expect(parseError('{"tiles":{"maxZoom":null}}').message).toMatch(/^tiles\.maxZoom is null/);
    });

    it('tiles url must be string', () => {
      expect(parseError('{"tiles":{"url":5}}').message).toMatch(
        /^tiles\.url is 5 in config\.json, but it must be a string/,
      );
      expect(parseError('{"tiles":{"url":""}}').detail.key).toBe('configEmpty');
      expect(parseError('{"tiles":{"attribution":false}}').detail.key).toBe('configNotString');
    });

    it('scopes must be strings', () => {
      for (const scopes of ['"openid email"', '[1]', '[null]']) {
        const error = parseError(deployedWith({ scopes: JSON.parse(scopes) }));
        expect(error.message, scopes).toMatch(
          /^auth\.cognito\.scopes is .+, but it must be an array of strings/,
        );
      }
    });

    it('cognito strings type-checked', () => {
      expect(parseError(deployedWith({ clientId: 42 })).message).toMatch(
        /^auth\.cognito\.clientId is 42 in config\.json, but it must be a string/,
      );
      expect(parseError('{"auth":{"mode":"none","cognito":{"region":1}}}').message).toMatch(
        /^auth\.cognito\.region is 1/,
      );
    });

    it('time zone checked', () => {
      const error = parseError('{"timeZone":"Europe/Londn","auth":{"mode":"none"}}');
      expect(error.message).toBe(
        'timeZone is "Europe/Londn" in config.json, which is not an IANA time zone. Set it to the job\'s time-zone, such as Asia/Tokyo.',
      );
      expect(parseError('{"timeZone":""}').detail.key).toBe('configEmpty');
    });

    it('index prefix checked', () => {
      expect(parseError('{"indexPrefix":"Cat-Data"}').detail.key).toBe('configIndexPrefix');
      expect(parseError('{"indexPrefix":"cat-data-*"}').detail.key).toBe('configIndexPrefix');
      expect(parseError('{"indexPrefix":""}').message).toBe(
        'indexPrefix is empty in config.json. Set it, or remove the key to use the default cat-data.',
      );
    });

    it('cognito needs domain at load', () => {
      const error = parseError(deployedWith({ domain: '' }));
      expect(error.message).toMatch(/^auth\.cognito\.domain is empty in config\.json/);
    });

    it('domain must be https url', () => {
      for (const domain of [
        'cat-data.auth.ap-northeast-1.amazoncognito.com',
        'http://example.com',
      ]) {
        expect(parseError(deployedWith({ domain })).detail.key, domain).toBe('configDomainInvalid');
      }
    });

    it('redirect uri must be url', () => {
      expect(parseError(deployedWith({ redirectUri: '/map/' })).detail.key).toBe(
        'configRedirectUri',
      );
      expect(parseConfig(deployedWith({ redirectUri: '' })).auth.cognito.redirectUri).toBe('');
    });

    it('scopes need openid', () => {
      expect(parseError(deployedWith({ scopes: ['email'] })).message).toMatch(
        /^auth\.cognito\.scopes is \["email"\] in config\.json, without "openid"/,
      );
    });

    it('bearer token choice checked', () => {
      expect(parseError(deployedWith({ bearerToken: 'refresh_token' })).message).toBe(
        'auth.cognito.bearerToken is "refresh_token" in config.json. Set it to one of "id_token", "access_token".',
      );
    });

    it('cognito pool checks run at load', () => {
      expect(parseError(deployedWith({ userPoolId: '' })).message).toMatch(
        /^auth\.cognito\.userPoolId is empty/,
      );
    });

    it('public config fails on domain', () => {
      const text = readFileSync(new URL('../../public/config.json', import.meta.url), 'utf8');
      expect(parseError(text).detail.key).toBe('configDomainEmpty');
    });

    it('errors name key in japanese', () => {
      const text = translateMessage('ja', parseError('{"auth":{"mode":"off"}}').detail);
      expect(text).toContain('auth.mode');
      expect(text).toContain('"off"');
      expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    });
  });

  it('time zone names', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Londn')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  describe('load', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    function serve(status: number, body: string): void {
      vi.stubGlobal('fetch', async () => new Response(body, { status }));
    }

    async function loadError(): Promise<ConfigError> {
      const error = await loadConfig().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }

    it('loads served config', async () => {
      serve(200, '{"auth":{"mode":"none"},"timeZone":"Europe/London"}');
      expect((await loadConfig()).timeZone).toBe('Europe/London');
    });

    it('empty body is invalid json', async () => {
      serve(200, '');
      expect((await loadError()).detail.key).toBe('configInvalidJson');
    });

    it('missing file reports defaults', async () => {
      serve(404, 'not found');
      const error = await loadError();
      expect(error.message).toMatch(/^config\.json is not beside index\.html \(HTTP 404\)/);
      expect(error.message).toContain('auth.cognito.domain is empty');
    });

    it('server error names status', async () => {
      serve(500, 'internal error');
      expect((await loadError()).message).toMatch(/^loading config\.json failed with HTTP 500/);
    });

    it('unreachable server reported', async () => {
      vi.stubGlobal('fetch', async () => {
        throw new TypeError('Failed to fetch');
      });
      expect((await loadError()).message).toMatch(
        /^config\.json cannot be loaded \(Failed to fetch\)/,
      );
    });
  });
});
