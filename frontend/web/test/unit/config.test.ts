import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkCognitoSettings,
  DEFAULT_CONFIG,
  mergeConfig,
  type ConfigFile,
} from '../../src/config';
import { authorizeUrl } from '../../src/auth';

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
});
