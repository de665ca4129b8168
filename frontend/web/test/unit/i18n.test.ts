import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { initialLanguage, LANGUAGES, MESSAGES, translate, translateMessage } from '../../src/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('same keys in every language', () => {
    const keys = Object.keys(MESSAGES.ja).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(MESSAGES[language]).sort()).toEqual(keys);
    }
  });

  it('no empty label', () => {
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(MESSAGES[language])) {
        expect(text.trim(), `${language}.${key}`).not.toBe('');
      }
    }
  });

  it('same placeholders in every language', () => {
    for (const key of Object.keys(MESSAGES.ja) as (keyof typeof MESSAGES.ja)[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.ja[key]));
    }
  });

  it('every data-i18n key of the page defined', () => {
    const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
    const used = [...html.matchAll(/data-i18n="(\w+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) {
      expect(Object.keys(MESSAGES.ja), key).toContain(key);
    }
  });

  it('japanese labels contain japanese script', () => {
    expect(MESSAGES.ja.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(MESSAGES.ja.layerDensity).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('translate fills parameters', () => {
    expect(translate('en', 'catsShown', { count: 101 })).toBe('latest positions of 101 cats');
    expect(translate('ja', 'catsShown', { count: 101 })).toBe('101 匹の最新位置');
  });

  it('japanese by default', () => {
    expect(initialLanguage(null)).toBe('ja');
    expect(initialLanguage('fr')).toBe('ja');
    expect(initialLanguage('en')).toBe('en');
  });

  it('nested message translated', () => {
    const message = {
      key: 'errorConfig' as const,
      params: { message: { key: 'configAuthMode' as const, params: { value: '"off"' } } },
    };
    expect(translateMessage('en', message)).toBe(
      'Configuration error: auth.mode is "off" in config.json. Set it to "cognito" (sign-in with the user pool) or "none" (a local node without sign-in).',
    );
    expect(translateMessage('ja', message)).toMatch(
      /^設定エラー: config\.json の auth\.mode が "off" です。/,
    );
  });

  it('japanese errors contain japanese script', () => {
    const keys = Object.keys(MESSAGES.ja).filter((key) => /^(config|signIn|error|no)/.test(key));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(MESSAGES.ja[key as keyof typeof MESSAGES.ja], key).toMatch(
        /[\u3040-\u30ff\u4e00-\u9fff]/,
      );
    }
  });
});
