import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/config';
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
});
