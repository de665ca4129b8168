import 'leaflet/dist/leaflet.css';
import './style.css';
import L from 'leaflet';
import { bearerToken, completeSignIn, idToken, signIn, signOut } from './auth';
import { checkCognitoSettings, loadConfig, type MapConfig } from './config';
import { CredentialsProvider } from './credentials';
import { initialLanguage, translate, type Language, type MessageKey } from './i18n';
import {
  convexHull,
  densityColour,
  DENSITY_COLOURS,
  isTruncated,
  toCatMarkers,
  toDayOptions,
  toDensityCells,
  toNewestWindowStart,
  toRejectedCounts,
  toTrack,
  toWindowOptions,
  totalHits,
  type DayOption,
  type DensityCell,
  type LatestSource,
  type TrackFix,
} from './layers';
import {
  catDaysQuery,
  densityQuery,
  indexNames,
  latestPositionsQuery,
  newestWindowQuery,
  rejectedByReasonQuery,
  trackQuery,
  windowsOfDayQuery,
  type IndexNames,
  type SearchBody,
} from './queries';
import { search, SearchError, type SearchAuthorization } from './search';

const LANGUAGE_KEY = 'cat-data.language';

type Status = { key: MessageKey; params?: Record<string, string | number>; state: string };

let language: Language = initialLanguage(localStorage.getItem(LANGUAGE_KEY));
let config: MapConfig;
let indices: IndexNames;
let map: L.Map;
/** Identity pool credentials of the signed-in user, when searches are signed with SigV4. */
let credentialsProvider: CredentialsProvider | null = null;
const statuses = new Map<string, Status[]>();
const latestLayer = L.layerGroup();
const densityLayer = L.layerGroup();
const trackLayer = L.layerGroup();
let days: DayOption[] = [];

// Each change of a selection starts a new load. A load that finishes after a newer one started
// draws nothing, so a slow response cannot overwrite or double the newer drawing.
const generations = { density: 0, track: 0 };

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(language, key, params);
}

/** Sets the status lines of a layer; state is loading, ready or error. */
function setStatus(layer: string, state: string, ...lines: Omit<Status, 'state'>[]): void {
  statuses.set(
    layer,
    lines.map((line) => ({ ...line, state })),
  );
  renderStatus(layer);
}

/**
 * Marks a layer as drawn for a selection (a window start, or cat and day) in data-shown, so a
 * reader of the page, such as the browser test, can tell which selection the drawing belongs to.
 */
function markShown(layer: string, selection: string): void {
  const target = document.querySelector<HTMLElement>(`.status[data-layer="${layer}"]`);
  if (target) {
    target.dataset.shown = selection;
  }
}

function renderStatus(layer: string): void {
  const target = document.querySelector<HTMLElement>(`.status[data-layer="${layer}"]`);
  const lines = statuses.get(layer) ?? [];
  if (!target) {
    return;
  }
  target.dataset.state = lines[0]?.state ?? '';
  target.textContent = lines.map((line) => t(line.key, line.params)).join(' · ');
}

function applyLanguage(): void {
  document.documentElement.lang = language;
  element<HTMLSelectElement>('language').value = language;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n as MessageKey);
  });
  statuses.forEach((_, layer) => renderStatus(layer));
  renderDayOptions();
}

function showMessage(text: string | null): void {
  const message = element<HTMLParagraphElement>('message');
  message.hidden = text === null;
  message.textContent = text ?? '';
}

function formatTime(iso: string, withDate = true): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: config.timeZone,
    ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** Returns the local date (YYYY-MM-DD) of an instant in the configured zone. */
function localDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: config.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** Raised when a signed search needs credentials but the sign-in has expired. */
class SignInExpiredError extends Error {}

/** Returns the authorization of the next search, by auth.mode and auth.cognito.searchSigning. */
async function searchAuthorization(): Promise<SearchAuthorization> {
  const cognito = config.auth.cognito;
  if (config.auth.mode === 'none') {
    return { type: 'none' };
  }
  if (cognito.searchSigning === 'bearer') {
    const token = await bearerToken(cognito);
    return token === null ? { type: 'none' } : { type: 'bearer', token };
  }
  const credentials = await credentialsProvider?.credentials();
  if (!credentials) {
    throw new SignInExpiredError('the sign-in has expired, so no credentials can sign the search');
  }
  return { type: 'sigv4', credentials, region: cognito.region, host: window.location.host };
}

function searchErrorStatus(e: unknown, index: string): Omit<Status, 'state'> {
  if (e instanceof SignInExpiredError) {
    return { key: 'signInExpired' };
  }
  if (e instanceof SearchError && e.accessDenied) {
    return { key: 'errorNoAccess', params: { detail: e.message } };
  }
  return { key: 'errorSearch', params: { index, message: String((e as Error).message) } };
}

async function run<T>(layer: string, index: string, body: SearchBody) {
  try {
    return await search<T>(config.searchPath, index, body, await searchAuthorization());
  } catch (e) {
    setStatus(layer, 'error', searchErrorStatus(e, index));
    if (e instanceof SignInExpiredError) {
      element('sign-in').hidden = false;
    }
    throw e;
  }
}

async function loadLatest(): Promise<void> {
  setStatus('latest', 'loading', { key: 'loading' });
  const response = await run<LatestSource>('latest', indices.latest, latestPositionsQuery());
  const cats = toCatMarkers(response);
  latestLayer.clearLayers();
  for (const cat of cats) {
    L.circleMarker([cat.lat, cat.lon], {
      radius: 6,
      color: '#1b5e20',
      weight: 2,
      fillColor: '#66bb6a',
      fillOpacity: 0.9,
      className: 'cat-marker',
    })
      .bindTooltip(() => t('catPopup', { cat: cat.catId, time: formatTime(cat.observedAt) }))
      .addTo(latestLayer);
  }
  const lines: Omit<Status, 'state'>[] = [{ key: 'catsShown', params: { count: cats.length } }];
  if (isTruncated(response)) {
    lines.push({
      key: 'catsTruncated',
      params: { shown: cats.length, total: totalHits(response) ?? '?' },
    });
  }
  setStatus('latest', 'ready', ...lines);

  const select = element<HTMLSelectElement>('track-cat');
  select.replaceChildren(...cats.map((cat) => new Option(cat.catId, cat.catId)));
  if (cats.length > 0) {
    map.fitBounds(L.latLngBounds(cats.map((cat) => [cat.lat, cat.lon] as [number, number])), {
      padding: [20, 20],
    });
    await loadDays();
  }
}

async function loadNewestDensityDate(): Promise<void> {
  const response = await run('density', indices.density, newestWindowQuery());
  const newest = toNewestWindowStart(response);
  if (newest) {
    element<HTMLInputElement>('density-date').value = localDate(newest);
    await loadWindows();
  } else {
    setStatus('density', 'ready', { key: 'noWindows' });
  }
}

/** Lists the density windows of the chosen date; fitToCells zooms the map to the drawn cells. */
async function loadWindows(fitToCells = false): Promise<void> {
  const date = element<HTMLInputElement>('density-date').value;
  const select = element<HTMLSelectElement>('density-window');
  select.replaceChildren();
  densityLayer.clearLayers();
  if (!date) {
    return;
  }
  setStatus('density', 'loading', { key: 'loading' });
  const windows = toWindowOptions(
    await run('density', indices.density, windowsOfDayQuery(date, config.timeZone)),
  );
  select.replaceChildren(
    ...windows.map(
      (w) =>
        new Option(
          `${formatTime(w.start, false)}–${w.end ? formatTime(w.end, false) : ''} (${w.cells})`,
          w.start,
        ),
    ),
  );
  if (windows.length === 0) {
    setStatus('density', 'ready', { key: 'noWindows' });
    setStatus('accepted', 'ready');
    return;
  }
  // Open the busiest window of the day, which shows the most of the layer.
  const busiest = windows.reduce((a, b) => (b.cells > a.cells ? b : a));
  select.value = busiest.start;
  await loadDensity(fitToCells);
}

/** Draws one rectangle per density cell, coloured by its share of the largest fix count. */
function drawCells(cells: DensityCell[], maxFixes: number): void {
  densityLayer.clearLayers();
  for (const cell of cells) {
    L.rectangle(
      [
        [cell.south, cell.west],
        [cell.north, cell.east],
      ],
      {
        color: '#7f2704',
        weight: 1,
        fillColor: densityColour(cell.fixes, maxFixes),
        fillOpacity: 0.6,
        className: 'density-cell',
      },
    )
      .bindTooltip(() =>
        t('cellTooltip', { cell: cell.cellId, fixes: cell.fixes, cats: cell.distinctCats }),
      )
      .addTo(densityLayer);
  }
}

function drawLegend(maxFixes: number): void {
  element('legend').replaceChildren(
    document.createTextNode(`${t('legendFixes')} 0–${maxFixes}: `),
    ...DENSITY_COLOURS.map((colour) => {
      const swatch = document.createElement('span');
      swatch.style.background = colour;
      return swatch;
    }),
  );
}

/** Draws the density of the chosen window; fitToCells zooms the map to its cells. */
async function loadDensity(fitToCells = false): Promise<void> {
  const windowStart = element<HTMLSelectElement>('density-window').value;
  densityLayer.clearLayers();
  if (!windowStart) {
    return;
  }
  setStatus('density', 'loading', { key: 'loading' });
  const generation = ++generations.density;
  const cells = toDensityCells(await run('density', indices.density, densityQuery(windowStart)));
  if (generation !== generations.density) {
    return;
  }

  const maxFixes = Math.max(0, ...cells.map((cell) => cell.fixes));
  drawCells(cells, maxFixes);
  drawLegend(maxFixes);
  setStatus('density', 'ready', { key: 'cellsShown', params: { count: cells.length } });
  markShown('density', windowStart);
  const accepted = cells.reduce((sum, cell) => sum + cell.fixes, 0);
  setStatus('accepted', 'ready', { key: 'acceptedInWindow', params: { count: accepted } });

  if (fitToCells && cells.length > 0) {
    const south = Math.min(...cells.map((cell) => cell.south));
    const west = Math.min(...cells.map((cell) => cell.west));
    const north = Math.max(...cells.map((cell) => cell.north));
    const east = Math.max(...cells.map((cell) => cell.east));
    map.fitBounds(
      [
        [south, west],
        [north, east],
      ],
      { padding: [40, 40] },
    );
  }
}

/** Shows the number of rejected records and a table row per reason code. */
async function loadRejected(): Promise<void> {
  setStatus('rejected', 'loading', { key: 'loading' });
  const counts = toRejectedCounts(await run('rejected', indices.rejected, rejectedByReasonQuery()));
  const rows = counts.byReason.map(({ reason, count }) => {
    const code = document.createElement('code');
    code.textContent = reason;
    const row = document.createElement('tr');
    row.append(document.createElement('td'), document.createElement('td'));
    row.cells[0].append(code);
    row.cells[1].textContent = String(count);
    return row;
  });
  const table = element<HTMLTableElement>('rejected-reasons');
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = rows.length === 0;
  if (counts.total === 0) {
    setStatus('rejected', 'ready', { key: 'noRejected' });
  } else {
    setStatus('rejected', 'ready', { key: 'rejectedTotal', params: { count: counts.total } });
  }
}

function renderDayOptions(): void {
  const select = element<HTMLSelectElement>('track-day');
  const selected = select.value;
  select.replaceChildren(
    ...days.map(
      (day) => new Option(t('dayOption', { date: day.localDate, fixes: day.fixes }), day.localDate),
    ),
  );
  if (selected && days.some((day) => day.localDate === selected)) {
    select.value = selected;
  }
}

async function loadDays(fitToTrack = false): Promise<void> {
  const catId = element<HTMLSelectElement>('track-cat').value;
  trackLayer.clearLayers();
  if (!catId) {
    return;
  }
  setStatus('track', 'loading', { key: 'loading' });
  const generation = ++generations.track;
  const loadedDays = toDayOptions(await run('track', indices.movement, catDaysQuery(catId)));
  if (generation !== generations.track) {
    return;
  }
  days = loadedDays;
  renderDayOptions();
  if (days.length === 0) {
    setStatus('track', 'ready', { key: 'noDays' });
    setStatus('home-range', 'ready');
    return;
  }
  await loadTrack(fitToTrack);
}

/** Draws a day's home range (MCP of the fixes, radius-of-gyration circle), track line and fixes. */
function drawTrack(fixes: TrackFix[], day: DayOption): void {
  const hull = convexHull(fixes);
  if (hull.length >= 3) {
    L.polygon(
      hull.map((p) => [p.lat, p.lon] as [number, number]),
      { color: '#6a1b9a', weight: 2, fillOpacity: 0.12, className: 'home-range-mcp' },
    )
      .bindTooltip(() => t('mcp'))
      .addTo(trackLayer);
  }
  if (day.radiusOfGyrationM != null) {
    L.circle([day.centroid.lat, day.centroid.lon], {
      radius: day.radiusOfGyrationM,
      color: '#0d47a1',
      weight: 2,
      dashArray: '6 4',
      fill: false,
      className: 'home-range-rog',
    })
      .bindTooltip(() => t('radiusOfGyration'))
      .addTo(trackLayer);
  }
  L.polyline(
    fixes.map((fix) => [fix.lat, fix.lon] as [number, number]),
    { color: '#d81b60', weight: 2, className: 'track-line' },
  ).addTo(trackLayer);
  for (const fix of fixes) {
    L.circleMarker([fix.lat, fix.lon], {
      radius: 3,
      color: '#880e4f',
      weight: 1,
      fillColor: '#f48fb1',
      fillOpacity: 1,
      className: 'track-fix',
    })
      .bindTooltip(() => formatTime(fix.observedAt))
      .addTo(trackLayer);
  }
}

/** Draws the chosen cat's track and home range; fitToTrack zooms the map to the track. */
async function loadTrack(fitToTrack = false): Promise<void> {
  const catId = element<HTMLSelectElement>('track-cat').value;
  const day = days.find((d) => d.localDate === element<HTMLSelectElement>('track-day').value);
  trackLayer.clearLayers();
  if (!catId || !day) {
    return;
  }
  setStatus('track', 'loading', { key: 'loading' });
  const generation = ++generations.track;
  const response = await run('track', indices.fixes, trackQuery(catId, day.start, day.end));
  if (generation !== generations.track) {
    return;
  }

  const fixes = toTrack(response as Parameters<typeof toTrack>[0]);
  trackLayer.clearLayers();
  drawTrack(fixes, day);

  const lines: Omit<Status, 'state'>[] = [
    { key: 'trackShown', params: { count: fixes.length, distance: Math.round(day.distanceM) } },
  ];
  if (isTruncated(response)) {
    lines.push({
      key: 'trackTruncated',
      params: { shown: fixes.length, total: totalHits(response) ?? '?' },
    });
  }
  setStatus('track', 'ready', ...lines);
  markShown('track', `${catId}/${day.localDate}`);
  if (fitToTrack && fixes.length > 0) {
    map.fitBounds(L.latLngBounds(fixes.map((fix) => [fix.lat, fix.lon] as [number, number])), {
      padding: [40, 40],
      maxZoom: 18,
    });
  }
  setStatus('home-range', 'ready', {
    key: 'homeRange',
    params: {
      area: day.mcpAreaM2 == null ? '-' : Math.round(day.mcpAreaM2),
      radius: day.radiusOfGyrationM == null ? '-' : Math.round(day.radiusOfGyrationM),
    },
  });
}

function createMap(): void {
  map = L.map('map', { preferCanvas: false }).setView(
    config.initialView.center,
    config.initialView.zoom,
  );
  const tiles = L.tileLayer(config.tiles.url, {
    attribution: config.tiles.attribution,
    maxZoom: config.tiles.maxZoom,
  });
  let tilesFailed = false;
  tiles.on('tileerror', () => {
    if (!tilesFailed) {
      tilesFailed = true;
      setStatus('tiles', 'error', { key: 'tilesFailed' });
    }
  });
  tiles.addTo(map);
  densityLayer.addTo(map);
  trackLayer.addTo(map);
  latestLayer.addTo(map);
  L.control
    .layers(undefined, {
      [t('layerLatest')]: latestLayer,
      [t('layerDensity')]: densityLayer,
      [t('layerTrack')]: trackLayer,
    })
    .addTo(map);
}

/** Sets up sign-in; returns true when searches can run. */
async function prepareAuth(): Promise<boolean> {
  const status = element('auth-status');
  if (config.auth.mode === 'none') {
    status.className = 'dev-mode';
    status.dataset.i18n = 'noSignIn';
    return true;
  }
  const cognito = config.auth.cognito;
  checkCognitoSettings(cognito);
  await completeSignIn(cognito);
  if (cognito.searchSigning === 'sigv4') {
    credentialsProvider = new CredentialsProvider(cognito, () => idToken(cognito));
  }
  const token = await bearerToken(cognito);
  element('sign-in').hidden = token !== null;
  element('sign-out').hidden = token === null;
  element('sign-in').addEventListener('click', () => void signIn(cognito).catch(reportError));
  element('sign-out').addEventListener('click', () => {
    credentialsProvider?.clear();
    signOut(cognito);
  });
  if (token === null) {
    status.dataset.i18n = 'signInRequired';
    return false;
  }
  status.dataset.i18n = 'signedIn';
  return true;
}

function reportError(e: unknown): void {
  console.error(e);
  showMessage(t('errorConfig', { message: String((e as Error).message ?? e) }));
}

function onChange(id: string, load: () => Promise<void>): void {
  element(id).addEventListener('change', () => void load().catch(console.error));
}

async function start(): Promise<void> {
  // Labels first, so the page reads right while the configuration and sign-in load.
  applyLanguage();
  config = await loadConfig();
  indices = indexNames(config.indexPrefix);
  element<HTMLSelectElement>('language').addEventListener('change', (event) => {
    language = (event.target as HTMLSelectElement).value as Language;
    localStorage.setItem(LANGUAGE_KEY, language);
    applyLanguage();
  });
  createMap();
  const ready = await prepareAuth();
  applyLanguage();
  if (!ready) {
    return;
  }
  onChange('density-date', () => loadWindows(true));
  onChange('density-window', () => loadDensity(true));
  onChange('track-cat', () => loadDays(true));
  onChange('track-day', () => loadTrack(true));
  await Promise.allSettled([loadLatest(), loadNewestDensityDate(), loadRejected()]);
}

start().catch(reportError);
