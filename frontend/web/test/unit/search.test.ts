import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { search, SearchError, type SearchAuthorization } from '../../src/search';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session',
};
const SIGV4: SearchAuthorization = {
  type: 'sigv4',
  credentials: CREDENTIALS,
  region: 'ap-northeast-1',
  host: 'dashboards.example.com',
};
// Body of OpenSearch fine-grained access control for a role without read permission.
const FORBIDDEN_BODY =
  '{"error":{"type":"security_exception","reason":"no permissions for [indices:data/read/search]"},"status":403}';
// Body of OpenSearch 2.19 for a search of a concrete index that does not exist.
const NOT_FOUND_BODY =
  '{"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [cat-data-cat-latest]","index":"cat-data-cat-latest"}],"type":"index_not_found_exception","reason":"no such index [cat-data-cat-latest]","index":"cat-data-cat-latest"},"status":404}';

describe('search', () => {
  let sent: RequestInit[];
  let status: number;
  let errorBody: string;

  beforeEach(() => {
    sent = [];
    status = 200;
    errorBody = FORBIDDEN_BODY;
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(init);
      return new Response(status === 200 ? '{"hits":{"hits":[]}}' : errorBody, { status });
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function sentHeaders(): Record<string, string> {
    return sent[0].headers as Record<string, string>;
  }

  it('unsigned sends no authorization', async () => {
    await search('/api/search', 'cat-data-cat-latest', { size: 1 }, { type: 'none' });
    expect(sentHeaders()).toEqual({ 'Content-Type': 'application/json' });
  });

  it('bearer sends token', async () => {
    await search('/api/search', 'cat-data-cat-latest', { size: 1 }, { type: 'bearer', token: 'T' });
    expect(sentHeaders().Authorization).toBe('Bearer T');
  });

  it('sigv4 sends amz headers', async () => {
    await search('/api/search', 'cat-data-cat-latest', { size: 1 }, SIGV4);
    const headers = sentHeaders();
    expect(headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(headers['X-Amz-Security-Token']).toBe('session');
    expect(headers['X-Amz-Date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('403 of signed search is access denied', async () => {
    status = 403;
    const error = await search('/api/search', 'cat-data-cat-latest', { size: 1 }, SIGV4).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SearchError);
    expect((error as SearchError).status).toBe(403);
    expect((error as SearchError).accessDenied).toBe(true);
    expect((error as SearchError).message).toContain('security_exception');
  });

  it('403 of bearer search is not access denied', async () => {
    status = 403;
    const error = await search(
      '/api/search',
      'cat-data-cat-latest',
      { size: 1 },
      { type: 'bearer', token: 'T' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchError);
    expect((error as SearchError).accessDenied).toBe(false);
  });

  it('500 of signed search is not access denied', async () => {
    status = 500;
    const error = await search('/api/search', 'cat-data-cat-latest', { size: 1 }, SIGV4).catch(
      (e: unknown) => e,
    );
    expect((error as SearchError).status).toBe(500);
    expect((error as SearchError).accessDenied).toBe(false);
  });

  it('missing index is index not found', async () => {
    status = 404;
    errorBody = NOT_FOUND_BODY;
    const error = await search('/api/search', 'cat-data-cat-latest', { size: 1 }, SIGV4).catch(
      (e: unknown) => e,
    );
    expect((error as SearchError).errorType).toBe('index_not_found_exception');
    expect((error as SearchError).indexNotFound).toBe(true);
    expect((error as SearchError).accessDenied).toBe(false);
  });

  it('404 without opensearch body not index not found', async () => {
    status = 404;
    errorBody = 'not found';
    const error = await search(
      '/api/search',
      'cat-data-cat-latest',
      { size: 1 },
      {
        type: 'none',
      },
    ).catch((e: unknown) => e);
    expect((error as SearchError).errorType).toBe(null);
    expect((error as SearchError).indexNotFound).toBe(false);
  });

  it('403 body gives error type', async () => {
    status = 403;
    const error = await search('/api/search', 'cat-data-cat-latest', { size: 1 }, SIGV4).catch(
      (e: unknown) => e,
    );
    expect((error as SearchError).errorType).toBe('security_exception');
    expect((error as SearchError).indexNotFound).toBe(false);
  });
});
