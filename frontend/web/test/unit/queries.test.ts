import { describe, expect, it } from 'vitest';
import {
  catDaysQuery,
  densityQuery,
  indexNames,
  latestPositionsQuery,
  MAX_TRACK_FIXES,
  rejectedByReasonQuery,
  trackQuery,
  windowsOfDayQuery,
} from '../../src/queries';
import { searchUrl } from '../../src/search';

describe('queries', () => {
  it('index names of prefix', () => {
    const names = indexNames('city');
    expect(names.latest).toBe('city-cat-latest');
    expect(names.fixes).toBe('city-cat-fix-*');
    expect(names.density).toBe('city-cell-density-*');
    expect(names.movement).toBe('city-cat-movement-*');
    expect(names.rejected).toBe('city-rejected-*');
  });

  it('latest positions sorted by cat', () => {
    const body = latestPositionsQuery();
    expect(body.query).toEqual({ match_all: {} });
    expect(body.sort).toEqual([{ cat_id: 'asc' }]);
    expect(body.track_total_hits).toBe(true);
  });

  it('windows of day in time zone', () => {
    const body = windowsOfDayQuery('2017-06-24', 'Europe/London');
    expect(body.query).toEqual({
      range: {
        window_start: {
          gte: '2017-06-24',
          lt: '2017-06-24||+1d',
          time_zone: 'Europe/London',
          format: 'strict_date',
        },
      },
    });
    const aggs = body.aggs as { windows: { terms: { field: string } } };
    expect(aggs.windows.terms.field).toBe('window_start');
  });

  it('density of one window', () => {
    const body = densityQuery('2017-06-24T01:00:00Z');
    expect(body.query).toEqual({ term: { window_start: '2017-06-24T01:00:00Z' } });
  });

  it('days of cat are local days', () => {
    const body = catDaysQuery('Ares');
    expect(body.query).toEqual({
      bool: { filter: [{ term: { cat_id: 'Ares' } }, { term: { window: 'local_day' } }] },
    });
    expect(body.sort).toEqual([{ local_date: 'desc' }]);
  });

  it('track is half-open and time ordered', () => {
    const body = trackQuery('Ares', '2017-06-23T23:00:00Z', '2017-06-24T23:00:00Z');
    expect(body.query).toEqual({
      bool: {
        filter: [
          { term: { cat_id: 'Ares' } },
          { range: { observed_at: { gte: '2017-06-23T23:00:00Z', lt: '2017-06-24T23:00:00Z' } } },
        ],
      },
    });
    expect(body.sort).toEqual([{ observed_at: 'asc' }, { event_id: 'asc' }]);
    expect(body.size).toBe(MAX_TRACK_FIXES);
  });

  it('rejected counts per reason', () => {
    const body = rejectedByReasonQuery();
    expect(body.size).toBe(0);
    expect(body.track_total_hits).toBe(true);
    const aggs = body.aggs as { reasons: { terms: { field: string; size: number } } };
    expect(aggs.reasons.terms.field).toBe('reason');
    // RejectReason of the job has 15 codes, from invalid_json to invalid_csv_row.
    expect(aggs.reasons.terms.size).toBeGreaterThanOrEqual(15);
  });

  it('search url keeps pattern star', () => {
    expect(searchUrl('/api/search/', 'cat-data-cat-fix-*')).toBe('/api/search/cat-data-cat-fix-*');
  });
});
