// Searches through the same-origin search path, which the development server or the reverse proxy
// in AWS forwards to <index>/_search on OpenSearch.

import type { SearchResponse } from './layers';
import type { SearchBody } from './queries';
import { signRequest, type AwsCredentials } from './sigv4';

/** Authorization of a search, chosen by auth.mode and auth.cognito.searchSigning of config.json. */
export type SearchAuthorization =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  /** host is the page's host, which the proxy sends on to the domain as the Host header. */
  | { type: 'sigv4'; credentials: AwsCredentials; region: string; host: string };

export class SearchError extends Error {
  constructor(
    readonly index: string,
    readonly status: number,
    readonly signed: boolean,
    message: string,
    /** OpenSearch's error.type from the response body, such as index_not_found_exception. */
    readonly errorType: string | null = null,
  ) {
    super(message);
  }

  /** True when the index does not exist, as for a concrete index name the job has not written. */
  get indexNotFound(): boolean {
    return this.status === 404 && this.errorType === 'index_not_found_exception';
  }

  /**
   * True for HTTP 403 on a signed search. Usually the IAM role of the user's group may not read
   * the index, as for a user in no municipality group, but an invalid signature is also a 403.
   */
  get accessDenied(): boolean {
    return this.signed && this.status === 403;
  }
}

/** Returns the search URL of an index or pattern, such as /api/search/cat-data-cat-fix-*. */
export function searchUrl(searchPath: string, index: string): string {
  return `${searchPath.replace(/\/+$/, '')}/${encodeURIComponent(index)}`;
}

/** Returns the path the domain receives for a search of an index: /<index>/_search. */
export function domainSearchPath(index: string): string {
  return `/${index}/_search`;
}

/**
 * Signs a search for OpenSearch Service (signing name es) as the domain receives it from the proxy:
 * POST /<index>/_search with the page's host. Returns the headers to send.
 */
export async function signSearch(
  index: string,
  body: string,
  credentials: AwsCredentials,
  region: string,
  host: string,
  date: Date = new Date(),
): Promise<Record<string, string>> {
  const signed = await signRequest(
    {
      method: 'POST',
      host,
      path: domainSearchPath(index),
      headers: { 'Content-Type': 'application/json' },
      body,
    },
    credentials,
    { region, service: 'es', date, contentSha256Header: true },
  );
  return signed.headers;
}

/** Returns error.type of an OpenSearch error body, or null for another body. */
function errorType(body: string): string | null {
  try {
    const type: unknown = JSON.parse(body)?.error?.type;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}

export async function search<T>(
  searchPath: string,
  index: string,
  body: SearchBody,
  authorization: SearchAuthorization,
): Promise<SearchResponse<T>> {
  const json = JSON.stringify(body);
  let headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization.type === 'bearer') {
    headers.Authorization = `Bearer ${authorization.token}`;
  } else if (authorization.type === 'sigv4') {
    headers = await signSearch(
      index,
      json,
      authorization.credentials,
      authorization.region,
      authorization.host,
    );
  }
  const response = await fetch(searchUrl(searchPath, index), {
    method: 'POST',
    headers,
    body: json,
  });
  if (!response.ok) {
    const text = await response.text();
    throw new SearchError(
      index,
      response.status,
      authorization.type === 'sigv4',
      `HTTP ${response.status} ${text.trim().slice(0, 300)}`,
      errorType(text),
    );
  }
  return (await response.json()) as SearchResponse<T>;
}
