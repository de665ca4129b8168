// Request bodies of the OpenSearch _search calls the map makes. Field names are those of the index
// templates of the job (docs/opensearch.md).

/** Maximum number of cats the latest-position layer loads; the page reports any beyond it. */
export const MAX_CATS = 1000;

/** Maximum number of density windows listed for one day: 1440 one-minute windows. */
export const MAX_WINDOWS_PER_DAY = 1440;

/** Maximum number of cells drawn for one window. */
export const MAX_CELLS = 10000;

/** Maximum number of local days listed for one cat. */
export const MAX_DAYS = 1000;

/**
 * Maximum number of fixes drawn for one cat and day. It equals OpenSearch's default index.max_result_window, the
 * largest page a plain search returns; a collar with a fix every 9 s would exceed it.
 */
export const MAX_TRACK_FIXES = 10000;

/**
 * Maximum number of reason buckets of the rejected-record counts. The job's RejectReason enum
 * (flink-job, jp.catdata.event) has 15 codes, and new codes may be added.
 */
export const MAX_REJECT_REASONS = 100;

export type SearchBody = Record<string, unknown>;

export interface IndexNames {
  latest: string;
  fixes: string;
  density: string;
  movement: string;
  rejected: string;
}

/** Returns the index names and patterns of a prefix (the job's opensearch.index-prefix). */
export function indexNames(prefix: string): IndexNames {
  return {
    latest: `${prefix}-cat-latest`,
    fixes: `${prefix}-cat-fix-*`,
    density: `${prefix}-cell-density-*`,
    movement: `${prefix}-cat-movement-*`,
    rejected: `${prefix}-rejected-*`,
  };
}

/** Latest position of every cat, ordered by cat id. */
export function latestPositionsQuery(): SearchBody {
  return {
    size: MAX_CATS,
    track_total_hits: true,
    query: { match_all: {} },
    sort: [{ cat_id: 'asc' }],
    _source: ['cat_id', 'observed_at', 'location', 'speed_mps'],
  };
}

/** Start of the newest density window, as the aggregation "newest". */
export function newestWindowQuery(): SearchBody {
  return {
    size: 0,
    aggs: { newest: { max: { field: 'window_start' } } },
  };
}

/**
 * Density windows that start on a local date, one bucket per window start with its number of
 * cells. OpenSearch resolves the date in the time zone, so days of 23 or 25 hours come out right.
 */
export function windowsOfDayQuery(localDate: string, timeZone: string): SearchBody {
  return {
    size: 0,
    query: {
      range: {
        window_start: {
          gte: localDate,
          lt: `${localDate}||+1d`,
          time_zone: timeZone,
          format: 'strict_date',
        },
      },
    },
    aggs: {
      windows: {
        terms: { field: 'window_start', size: MAX_WINDOWS_PER_DAY, order: { _key: 'asc' } },
        aggs: { window_end: { max: { field: 'window_end' } } },
      },
    },
  };
}

/** Density documents of one window, given by its start as an ISO 8601 instant. */
export function densityQuery(windowStart: string): SearchBody {
  return {
    size: MAX_CELLS,
    track_total_hits: true,
    query: { term: { window_start: windowStart } },
    sort: [{ cell_id: 'asc' }],
    _source: ['cell_id', 'cell', 'window_start', 'window_end', 'fixes', 'distinct_cats'],
  };
}

/** Returns the query for a cat's daily movement documents, newest local date first. */
export function catDaysQuery(catId: string): SearchBody {
  return {
    size: MAX_DAYS,
    query: {
      bool: {
        filter: [{ term: { cat_id: catId } }, { term: { window: 'local_day' } }],
      },
    },
    sort: [{ local_date: 'desc' }],
    _source: [
      'cat_id',
      'local_date',
      'window_start',
      'window_end',
      'fixes',
      'distance_m',
      'centroid',
      'mcp_area_m2',
      'radius_of_gyration_m',
    ],
  };
}

/**
 * Returns the query for a cat's accepted fixes in [start, end), in time order. Start and end are
 * ISO 8601 instants.
 */
export function trackQuery(catId: string, start: string, end: string): SearchBody {
  return {
    size: MAX_TRACK_FIXES,
    track_total_hits: true,
    query: {
      bool: {
        filter: [{ term: { cat_id: catId } }, { range: { observed_at: { gte: start, lt: end } } }],
      },
    },
    sort: [{ observed_at: 'asc' }, { event_id: 'asc' }],
    _source: ['event_id', 'observed_at', 'location'],
  };
}

/**
 * Number of rejected records in all rejected indices, in total and per reason code as the
 * aggregation "reasons".
 */
export function rejectedByReasonQuery(): SearchBody {
  return {
    size: 0,
    track_total_hits: true,
    aggs: { reasons: { terms: { field: 'reason', size: MAX_REJECT_REASONS } } },
  };
}
