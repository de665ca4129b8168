import { describe, expect, it } from 'vitest';
import {
  convexHull,
  densityColour,
  DENSITY_COLOURS,
  isTruncated,
  matchedNoIndex,
  toCatMarkers,
  toDayOptions,
  toDensityCells,
  toNewestWindowStart,
  toRejectedCounts,
  toTrack,
  toWindowOptions,
} from '../../src/layers';

function hits<T>(sources: T[], total?: number) {
  return {
    hits: {
      total: total === undefined ? undefined : { value: total, relation: 'eq' },
      hits: sources.map((s, i) => ({ _id: String(i), _source: s })),
    },
  };
}

describe('layers', () => {
  it('cat markers from latest positions', () => {
    const markers = toCatMarkers(
      hits([
        {
          cat_id: 'Ares',
          observed_at: '2017-06-24T03:01:26Z',
          location: { lat: 50.17, lon: -5.11 },
        },
        {
          cat_id: 'Bear',
          observed_at: '2017-06-25T00:00:00Z',
          location: { lat: 50.1, lon: -5.2 },
          speed_mps: 0.5,
        },
      ]),
    );
    expect(markers).toHaveLength(2);
    expect(markers[0]).toEqual({
      catId: 'Ares',
      observedAt: '2017-06-24T03:01:26Z',
      lat: 50.17,
      lon: -5.11,
      speedMps: null,
    });
    expect(markers[1].speedMps).toBe(0.5);
  });

  it('density cell edges from polygon', () => {
    // Geohash gbsuv has the bounds 48.8671875..48.9111328125 N, -4.3505859375..-4.306640625 E.
    const ring = [
      [-4.3505859375, 48.8671875],
      [-4.306640625, 48.8671875],
      [-4.306640625, 48.9111328125],
      [-4.3505859375, 48.9111328125],
      [-4.3505859375, 48.8671875],
    ];
    const [cell] = toDensityCells(
      hits([
        {
          cell_id: 'gbsuv',
          cell: { type: 'Polygon', coordinates: [ring] },
          fixes: 7,
          distinct_cats: 2,
        },
      ]),
    );
    expect(cell.south).toBe(48.8671875);
    expect(cell.north).toBe(48.9111328125);
    expect(cell.west).toBe(-4.3505859375);
    expect(cell.east).toBe(-4.306640625);
    expect(cell.fixes).toBe(7);
    expect(cell.distinctCats).toBe(2);
  });

  it('window options from buckets', () => {
    const start = Date.parse('2017-06-24T01:00:00Z');
    const options = toWindowOptions({
      hits: { hits: [] },
      aggregations: {
        windows: {
          buckets: [{ key: start, doc_count: 12, window_end: { value: start + 3_600_000 } }],
        },
      },
    });
    expect(options).toEqual([
      { start: '2017-06-24T01:00:00Z', end: '2017-06-24T02:00:00Z', cells: 12 },
    ]);
  });

  it('window options without aggregation', () => {
    expect(toWindowOptions({ hits: { hits: [] } })).toEqual([]);
  });

  it('newest window start', () => {
    const value = Date.parse('2017-11-30T22:00:00Z');
    expect(toNewestWindowStart({ hits: { hits: [] }, aggregations: { newest: { value } } })).toBe(
      '2017-11-30T22:00:00Z',
    );
    expect(
      toNewestWindowStart({ hits: { hits: [] }, aggregations: { newest: { value: null } } }),
    ).toBeNull();
  });

  it('day options keep window', () => {
    const [day] = toDayOptions(
      hits([
        {
          local_date: '2017-06-24',
          window_start: '2017-06-23T23:00:00Z',
          window_end: '2017-06-24T23:00:00Z',
          fixes: 40,
          distance_m: 1234.5,
          centroid: { lat: 50.17, lon: -5.11 },
          mcp_area_m2: 5000,
          radius_of_gyration_m: 45.2,
        },
      ]),
    );
    expect(day.start).toBe('2017-06-23T23:00:00Z');
    expect(day.end).toBe('2017-06-24T23:00:00Z');
    expect(day.radiusOfGyrationM).toBe(45.2);
    expect(day.mcpAreaM2).toBe(5000);
  });

  it('track keeps order', () => {
    const track = toTrack(
      hits([
        { event_id: 'b', observed_at: '2017-06-24T01:00:00Z', location: { lat: 1, lon: 2 } },
        { event_id: 'a', observed_at: '2017-06-24T02:00:00Z', location: { lat: 3, lon: 4 } },
      ]),
    );
    expect(track.map((fix) => fix.eventId)).toEqual(['b', 'a']);
    expect(track[1].lat).toBe(3);
    expect(track[1].lon).toBe(4);
  });

  it('truncation from total', () => {
    expect(isTruncated(hits([{}], 1))).toBe(false);
    expect(isTruncated(hits([{}], 2))).toBe(true);
    expect(isTruncated(hits([{}]))).toBe(false);
  });

  it('no index from zero shards', () => {
    expect(matchedNoIndex({ ...hits([], 0), _shards: { total: 0 } })).toBe(true);
    expect(matchedNoIndex({ ...hits([], 0), _shards: { total: 1 } })).toBe(false);
    expect(matchedNoIndex(hits([], 0))).toBe(false);
  });

  it('hull of square with inner point', () => {
    const hull = convexHull([
      { lat: 0, lon: 0 },
      { lat: 0, lon: 1 },
      { lat: 1, lon: 1 },
      { lat: 1, lon: 0 },
      { lat: 0.5, lon: 0.5 },
      { lat: 0, lon: 0.5 },
    ]);
    const corners = hull.map((p) => `${p.lat},${p.lon}`).sort();
    expect(corners).toEqual(['0,0', '0,1', '1,0', '1,1']);
  });

  it('hull of two points', () => {
    expect(
      convexHull([
        { lat: 0, lon: 0 },
        { lat: 0, lon: 0 },
        { lat: 1, lon: 1 },
      ]),
    ).toHaveLength(2);
  });

  it('density colour by share', () => {
    expect(densityColour(0, 10)).toBe(DENSITY_COLOURS[0]);
    expect(densityColour(10, 10)).toBe(DENSITY_COLOURS[DENSITY_COLOURS.length - 1]);
    expect(densityColour(5, 0)).toBe(DENSITY_COLOURS[0]);
  });

  it('rejected counts sorted by count then reason', () => {
    const counts = toRejectedCounts({
      hits: { total: { value: 353, relation: 'eq' }, hits: [] },
      aggregations: {
        reasons: {
          buckets: [
            { key: 'late_event', doc_count: 2 },
            { key: 'marked_outlier', doc_count: 349 },
            { key: 'duplicate_event', doc_count: 2 },
          ],
        },
      },
    });
    expect(counts.total).toBe(353);
    expect(counts.byReason).toEqual([
      { reason: 'marked_outlier', count: 349 },
      { reason: 'duplicate_event', count: 2 },
      { reason: 'late_event', count: 2 },
    ]);
  });

  it('rejected total from hit count', () => {
    // The hit count stays exact when a reason falls outside the buckets.
    const counts = toRejectedCounts({
      hits: { total: { value: 12, relation: 'eq' }, hits: [] },
      aggregations: { reasons: { buckets: [{ key: 'invalid_json', doc_count: 10 }] } },
    });
    expect(counts.total).toBe(12);
  });

  it('rejected total without hit count', () => {
    const counts = toRejectedCounts({
      hits: { hits: [] },
      aggregations: {
        reasons: {
          buckets: [
            { key: 'invalid_json', doc_count: 3 },
            { key: 'missing_field', doc_count: 4 },
          ],
        },
      },
    });
    expect(counts.total).toBe(7);
  });

  it('rejected counts of no index', () => {
    const counts = toRejectedCounts({ hits: { total: { value: 0, relation: 'eq' }, hits: [] } });
    expect(counts.total).toBe(0);
    expect(counts.byReason).toEqual([]);
  });
});
