import { describe, expect, it } from 'vitest';
import { base64Url, codeChallengeS256, createCodeVerifier } from '../../src/pkce';

describe('pkce', () => {
  it('challenge of RFC 7636 Appendix B', async () => {
    await expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('verifier of RFC 7636 Appendix B from its octets', () => {
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
      105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    expect(base64Url(new Uint8Array(octets))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('verifier length and alphabet', () => {
    const verifier = createCodeVerifier();
    expect(verifier).toHaveLength(43);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('verifiers differ', () => {
    expect(createCodeVerifier()).not.toBe(createCodeVerifier());
  });

  it('short verifier rejected', async () => {
    await expect(codeChallengeS256('too-short')).rejects.toThrow(/43 to 128/);
  });
});
