// Searches through the same-origin search path, which the development server or the reverse proxy
// in AWS forwards to <index>/_search on OpenSearch.

import type { SearchResponse } from './layers';
import type { SearchBody } from './queries';

export class SearchError extends Error {
  constructor(
    readonly index: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Returns the search URL of an index or pattern, such as /api/search/cat-data-cat-fix-*. */
export function searchUrl(searchPath: string, index: string): string {
  return `${searchPath.replace(/\/+$/, '')}/${encodeURIComponent(index)}`;
}

export async function search<T>(
  searchPath: string,
  index: string,
  body: SearchBody,
  token: string | null,
): Promise<SearchResponse<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(searchUrl(searchPath, index), {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const text = await response.text();
    throw new SearchError(index, response.status, `HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return (await response.json()) as SearchResponse<T>;
}
