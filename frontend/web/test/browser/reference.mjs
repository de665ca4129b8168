// Expected map contents, computed from a Movebank tidy CSV with plain code that shares nothing with
// the job or the page. It applies the job's documented rules with their defaults. Study outliers
// are rejected. A fix is also rejected when reaching it from the cat's previous accepted fix needs
// more than max-speed-mps (20), unless the gap exceeds track-idle-timeout (PT6H).
import { readFileSync } from 'node:fs';

const EARTH_RADIUS_M = 6_371_008.8;
export const MAX_SPEED_MPS = 20;
export const IDLE_TIMEOUT_MS = 6 * 3600 * 1000;

function haversineM(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Reads the file and returns:
 * - catIds, the set of cat ids of rows that are not outliers;
 * - accepted, the accepted fixes, each {eventId, catId, timeMs, lat, lon};
 * - rejected, a Map from reject reason code to its number of rows, for reasons with any rows.
 */
export function referenceCats(csvPath) {
  const lines = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const header = lines[0].replaceAll('"', '').split(',');
  const col = Object.fromEntries(header.map((name, i) => [name, i]));
  const byCat = new Map();
  const rejected = new Map();
  const reject = (reason) => rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
  for (const line of lines.slice(1)) {
    const f = line.replaceAll('"', '').split(',');
    const outlier =
      f[col.visible] === 'FALSE' ||
      f[col.algorithm_marked_outlier] === 'TRUE' ||
      f[col.manually_marked_outlier] === 'TRUE';
    if (outlier) {
      reject('marked_outlier');
      continue;
    }
    const fix = {
      eventId: f[col.event_id],
      catId: f[col.tag_id],
      // Movebank time stamps are UTC without a zone designator.
      timeMs: Date.parse(`${f[col.timestamp].replace(' ', 'T')}Z`),
      lat: Number(f[col.location_lat]),
      lon: Number(f[col.location_long]),
    };
    if (!byCat.has(fix.catId)) {
      byCat.set(fix.catId, []);
    }
    byCat.get(fix.catId).push(fix);
  }
  const accepted = [];
  for (const track of byCat.values()) {
    track.sort((a, b) => a.timeMs - b.timeMs || (a.eventId < b.eventId ? -1 : 1));
    let previous = null;
    for (const fix of track) {
      if (previous && fix.timeMs - previous.timeMs <= IDLE_TIMEOUT_MS) {
        const d = haversineM(previous.lat, previous.lon, fix.lat, fix.lon);
        const seconds = (fix.timeMs - previous.timeMs) / 1000;
        // Two fixes at the same instant count as infinitely fast unless they are at the same place.
        let speed = d === 0 ? 0 : Infinity;
        if (seconds > 0) {
          speed = d / seconds;
        }
        if (speed > MAX_SPEED_MPS) {
          reject('implausible_speed');
          continue;
        }
      }
      accepted.push(fix);
      previous = fix;
    }
  }
  return { catIds: new Set(byCat.keys()), accepted, rejected };
}

/**
 * Returns the radius of gyration in metres of fixes ({lat, lon}): the root mean square of their
 * haversine distances from the mean latitude and mean longitude.
 */
export function radiusOfGyrationM(fixes) {
  const lat = fixes.reduce((sum, fix) => sum + fix.lat, 0) / fixes.length;
  const lon = fixes.reduce((sum, fix) => sum + fix.lon, 0) / fixes.length;
  const squares = fixes.reduce((sum, fix) => sum + haversineM(lat, lon, fix.lat, fix.lon) ** 2, 0);
  return Math.sqrt(squares / fixes.length);
}

/** Returns the local date (YYYY-MM-DD) of an epoch-millisecond instant in an IANA zone. */
export function localDate(timeMs, timeZone) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(timeMs));
}
