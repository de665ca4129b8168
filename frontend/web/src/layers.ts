// Conversion of OpenSearch search responses into the plain values the map layers draw.

export interface SearchHit<T> {
  _id: string;
  _source: T;
}

export interface SearchResponse<T> {
  /** Shards searched; total is 0 when no index matches the searched pattern. */
  _shards?: { total: number };
  hits: { total?: { value: number; relation: string }; hits: SearchHit<T>[] };
  aggregations?: Record<string, unknown>;
}

interface GeoPoint {
  lat: number;
  lon: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}

export interface CatMarker extends LatLon {
  catId: string;
  observedAt: string;
  speedMps: number | null;
}

export interface DensityCell {
  cellId: string;
  /** South, west, north and east edges in degrees. */
  south: number;
  west: number;
  north: number;
  east: number;
  fixes: number;
  distinctCats: number;
}

export interface WindowOption {
  /** Window start as an ISO 8601 UTC instant, the value the density query takes. */
  start: string;
  end: string;
  cells: number;
}

export interface DayOption {
  localDate: string;
  /** Local midnight to midnight as ISO 8601 UTC instants. */
  start: string;
  end: string;
  fixes: number;
  distanceM: number;
  centroid: LatLon;
  mcpAreaM2: number | null;
  radiusOfGyrationM: number | null;
}

export interface TrackFix extends LatLon {
  eventId: string;
  observedAt: string;
}

export interface ReasonCount {
  /** Reject reason code, as written by the job, such as `marked_outlier`. */
  reason: string;
  count: number;
}

export interface RejectedCounts {
  total: number;
  /** Count per reason, largest first, ties in reason order. */
  byReason: ReasonCount[];
}

/** Returns the number of matching documents, or null when the response leaves it out. */
export function totalHits(response: SearchResponse<unknown>): number | null {
  return response.hits.total?.value ?? null;
}

/**
 * Returns true when no index matched the searched pattern. For a wildcard pattern without matching
 * indices, OpenSearch returns zero hits over zero shards, not an error.
 */
export function matchedNoIndex(response: SearchResponse<unknown>): boolean {
  return response._shards?.total === 0;
}

/** Returns true when the index contains more matches than the response returned. */
export function isTruncated(response: SearchResponse<unknown>): boolean {
  const total = response.hits.total;
  if (!total) {
    return false;
  }
  return total.relation !== 'eq' || total.value > response.hits.hits.length;
}

/** Source of a latest-position document. */
export interface LatestSource {
  cat_id: string;
  observed_at: string;
  location: GeoPoint;
  speed_mps?: number | null;
}

export function toCatMarkers(response: SearchResponse<LatestSource>): CatMarker[] {
  return response.hits.hits.map(({ _source: s }) => ({
    catId: s.cat_id,
    observedAt: s.observed_at,
    lat: s.location.lat,
    lon: s.location.lon,
    speedMps: s.speed_mps ?? null,
  }));
}

/**
 * Converts density documents to cells. The edges come from the document's `cell` polygon (GeoJSON,
 * positions as [lon, lat]), so the map draws the cell the job counted in.
 */
export function toDensityCells(
  response: SearchResponse<{
    cell_id: string;
    cell: { type: string; coordinates: number[][][] };
    fixes: number;
    distinct_cats: number;
  }>,
): DensityCell[] {
  return response.hits.hits.map(({ _source: s }) => {
    const ring = s.cell.coordinates[0];
    const lons = ring.map((position) => position[0]);
    const lats = ring.map((position) => position[1]);
    return {
      cellId: s.cell_id,
      south: Math.min(...lats),
      west: Math.min(...lons),
      north: Math.max(...lats),
      east: Math.max(...lons),
      fixes: s.fixes,
      distinctCats: s.distinct_cats,
    };
  });
}

interface DateBucket {
  key: number;
  key_as_string?: string;
  doc_count: number;
  window_end?: { value: number | null; value_as_string?: string };
}

/** Converts the "windows" aggregation of windowsOfDayQuery to options in the order returned. */
export function toWindowOptions(response: SearchResponse<unknown>): WindowOption[] {
  const windows = response.aggregations?.windows as { buckets: DateBucket[] } | undefined;
  if (!windows) {
    return [];
  }
  return windows.buckets.map((bucket) => ({
    start: new Date(bucket.key).toISOString().replace('.000Z', 'Z'),
    end:
      bucket.window_end?.value != null
        ? new Date(bucket.window_end.value).toISOString().replace('.000Z', 'Z')
        : '',
    cells: bucket.doc_count,
  }));
}

/** Returns the "newest" max aggregation as an ISO 8601 instant, or null for no documents. */
export function toNewestWindowStart(response: SearchResponse<unknown>): string | null {
  const newest = response.aggregations?.newest as { value: number | null } | undefined;
  if (newest?.value == null) {
    return null;
  }
  return new Date(newest.value).toISOString().replace('.000Z', 'Z');
}

export function toDayOptions(
  response: SearchResponse<{
    local_date: string;
    window_start: string;
    window_end: string;
    fixes: number;
    distance_m: number;
    centroid: GeoPoint;
    mcp_area_m2?: number | null;
    radius_of_gyration_m?: number | null;
  }>,
): DayOption[] {
  return response.hits.hits.map(({ _source: s }) => ({
    localDate: s.local_date,
    start: s.window_start,
    end: s.window_end,
    fixes: s.fixes,
    distanceM: s.distance_m,
    centroid: { lat: s.centroid.lat, lon: s.centroid.lon },
    mcpAreaM2: s.mcp_area_m2 ?? null,
    radiusOfGyrationM: s.radius_of_gyration_m ?? null,
  }));
}

export function toTrack(
  response: SearchResponse<{ event_id: string; observed_at: string; location: GeoPoint }>,
): TrackFix[] {
  return response.hits.hits.map(({ _source: s }) => ({
    eventId: s.event_id,
    observedAt: s.observed_at,
    lat: s.location.lat,
    lon: s.location.lon,
  }));
}

interface TermsBucket {
  key: string;
  doc_count: number;
}

/**
 * Converts the response of rejectedByReasonQuery to counts. The total is the exact hit count, or the
 * sum of the buckets when the response leaves the hit count out.
 */
export function toRejectedCounts(response: SearchResponse<unknown>): RejectedCounts {
  const reasons = response.aggregations?.reasons as { buckets: TermsBucket[] } | undefined;
  const byReason = (reasons?.buckets ?? []).map((bucket) => ({
    reason: bucket.key,
    count: bucket.doc_count,
  }));
  byReason.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  const total = totalHits(response) ?? byReason.reduce((sum, entry) => sum + entry.count, 0);
  return { total, byReason };
}

function cross(o: LatLon, a: LatLon, b: LatLon): number {
  return (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon);
}

/**
 * Computes the minimum convex polygon of fixes (Andrew's monotone chain on longitude and latitude,
 * which is close enough to planar at the scale of a cat's day). Returns the corners
 * counter-clockwise without repeating the first; fewer than three distinct fixes give the distinct
 * fixes themselves.
 */
export function convexHull(points: LatLon[]): LatLon[] {
  const sorted = [...points].sort((a, b) => a.lon - b.lon || a.lat - b.lat);
  const unique = sorted.filter(
    (p, i) => i === 0 || p.lon !== sorted[i - 1].lon || p.lat !== sorted[i - 1].lat,
  );
  if (unique.length < 3) {
    return unique;
  }
  const lower: LatLon[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: LatLon[] = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const p = unique[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Sequential colours from light yellow to dark red, for the density layer. */
export const DENSITY_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];

/** Picks the colour of a cell by its share of the window's largest fix count. */
export function densityColour(fixes: number, maxFixes: number): string {
  if (maxFixes <= 0) {
    return DENSITY_COLOURS[0];
  }
  const share = Math.min(1, Math.max(0, fixes / maxFixes));
  const index = Math.min(DENSITY_COLOURS.length - 1, Math.floor(share * DENSITY_COLOURS.length));
  return DENSITY_COLOURS[index];
}
