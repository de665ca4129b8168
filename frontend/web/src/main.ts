import 'leaflet/dist/leaflet.css';
import './style.css';
import L from 'leaflet';
import { bearerToken, completeSignIn, idToken, signIn, SignInError, signOut } from './auth';
import { ConfigError, loadConfig, type MapConfig } from './config';
import { CredentialsProvider } from './credentials';
import {
  initialLanguage,
  translate,
  translateMessage,
  type Language,
  type Message,
  type MessageKey,
} from './i18n';
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
  totalHits,
  type DayOption,
  type DensityCell,
  type LatestSource,
  type SearchResponse,
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

type Status = Message & { state: string };

let language: Language = initialLanguage(localStorage.getItem(LANGUAGE_KEY));
let config: MapConfig;
let indices: IndexNames;
let map: L.Map;
/** Identity pool credentials of the signed-in user, when searches are signed with SigV4. */
let credentialsProvider: CredentialsProvider | null = null;
const statuses = new Map<string, Status[]>();
/** The error above the panels, kept untranslated so that a language change renders it again. */
let pageMessage: Message | null = null;
const latestLayer = L.layerGroup();
const densityLayer = L.layerGroup();
const trackLayer = L.layerGroup();
/** Overlays of the layer control, with the label key of each. */
const OVERLAYS: [L.LayerGroup, MessageKey][] = [
  [latestLayer, 'layerLatest'],
  [densityLayer, 'layerDensity'],
  [trackLayer, 'layerTrack'],
];
let layerControl: L.Control.Layers | null = null;
/** Largest fix count of the drawn density window, or null when no window is drawn. */
let legendMaxFixes: number | null = null;
let days: DayOption[] = [];

// Each change of a selection starts a new load. A load that finishes after a newer one started
// draws nothing and shows no error, so a slow response cannot overwrite or double the newer one.
const generations = { density: 0, track: 0 };

interface Generation {
  group: keyof typeof generations;
  value: number;
}

function nextGeneration(group: keyof typeof generations): Generation {
  return { group, value: ++generations[group] };
}

function isCurrent(generation?: Generation): boolean {
  return generation === undefined || generations[generation.group] === generation.value;
}

/** Raised by run() after it has shown a failed search in the status line of the layer. */
class ShownSearchError extends Error {}

/** Raised by run() in place of a result when a newer load of the same group has started. */
class SupersededError extends Error {}

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(language, key, params);
}

/** Sets the status lines of a layer, in state loading, ready or error. No lines clear them. */
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
function markShown(layer: string, selection: string | null): void {
  const target = document.querySelector<HTMLElement>(`.status[data-layer="${layer}"]`);
  if (!target) {
    return;
  }
  if (selection === null) {
    delete target.dataset.shown;
  } else {
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
  target.textContent = lines.map((line) => translateMessage(language, line)).join(' · ');
}

/** Renders every label, status line, message and legend in the chosen language. */
function applyLanguage(): void {
  document.documentElement.lang = language;
  element<HTMLSelectElement>('language').value = language;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n as MessageKey);
  });
  statuses.forEach((_, layer) => renderStatus(layer));
  renderMessage();
  renderDayOptions();
  renderLegend();
  renderLayerControl();
}

function showMessage(message: Message | null): void {
  pageMessage = message;
  renderMessage();
}

function renderMessage(): void {
  const target = element<HTMLParagraphElement>('message');
  target.hidden = pageMessage === null;
  target.textContent = pageMessage === null ? '' : translateMessage(language, pageMessage);
}

/** Returns the message of an error, labelled as a configuration, sign-in or other error. */
function errorMessage(e: unknown): Message {
  if (e instanceof ConfigError) {
    return { key: 'errorConfig', params: { message: e.detail } };
  }
  if (e instanceof SignInError) {
    return { key: 'errorSignIn', params: { message: e.detail } };
  }
  return { key: 'errorUnexpected', params: { message: errorText(e) } };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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

function searchErrorStatus(e: unknown, index: string): Status {
  if (e instanceof SignInExpiredError) {
    return { key: 'signInExpired', state: 'error' };
  }
  if (e instanceof SearchError && e.accessDenied) {
    return { key: 'errorNoAccess', params: { detail: e.message }, state: 'error' };
  }
  // Not an error of the page: the job creates an index with its first document.
  if (e instanceof SearchError && e.indexNotFound) {
    return { key: 'noIndex', params: { index }, state: 'ready' };
  }
  return { key: 'errorSearch', params: { index, message: errorText(e) }, state: 'error' };
}

/**
 * Runs a search for a layer. A failure is shown in the layer's status line and raised as a
 * ShownSearchError. With a generation, a result or failure that arrives after a newer load of the
 * group started raises a SupersededError and shows nothing.
 */
async function run<T>(
  layer: string,
  index: string,
  body: SearchBody,
  generation?: Generation,
): Promise<SearchResponse<T>> {
  let response: SearchResponse<T>;
  try {
    response = await search<T>(config.searchPath, index, body, await searchAuthorization());
  } catch (e) {
    if (!isCurrent(generation)) {
      throw new SupersededError(`a newer load replaced this search of ${index}`);
    }
    const { state, ...line } = searchErrorStatus(e, index);
    setStatus(layer, state, line);
    if (e instanceof SignInExpiredError) {
      element('sign-in').hidden = false;
    }
    throw new ShownSearchError(`search of ${index} failed`, { cause: e });
  }
  if (!isCurrent(generation)) {
    throw new SupersededError(`a newer load replaced this search of ${index}`);
  }
  return response;
}

/**
 * Shows that no index matches the searched pattern, as before the job's first document of it.
 * Returns true when it did.
 */
function showNoIndex(layer: string, index: string, response: SearchResponse<unknown>): boolean {
  if (!matchedNoIndex(response)) {
    return false;
  }
  setStatus(layer, 'ready', { key: 'noIndex', params: { index } });
  return true;
}

/**
 * Runs the load of a panel and shows any failure in its status line, so that no panel stays
 * silently empty. A failed search has already been shown by run().
 */
async function loadPanel(layer: string, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (e) {
    if (e instanceof SupersededError) {
      return;
    }
    console.error(`loading the ${layer} panel failed`, e);
    if (!(e instanceof ShownSearchError)) {
      setStatus(layer, 'error', { key: 'errorLoad', params: { message: errorText(e) } });
    }
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
    await loadPanel('track', () => loadDays());
  }
}

async function loadNewestDensityDate(): Promise<void> {
  setStatus('density', 'loading', { key: 'loading' });
  const generation = nextGeneration('density');
  const response = await run('density', indices.density, newestWindowQuery(), generation);
  if (showNoIndex('density', indices.density, response)) {
    return;
  }
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
  clearDensity();
  if (!date) {
    setStatus('density', 'ready');
    return;
  }
  setStatus('density', 'loading', { key: 'loading' });
  const generation = nextGeneration('density');
  const response = await run(
    'density',
    indices.density,
    windowsOfDayQuery(date, config.timeZone),
    generation,
  );
  if (showNoIndex('density', indices.density, response)) {
    return;
  }
  const windows = toWindowOptions(response);
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

/** Renders the legend of the drawn density window, or none when no window is drawn. */
function renderLegend(): void {
  if (legendMaxFixes === null) {
    element('legend').replaceChildren();
    return;
  }
  element('legend').replaceChildren(
    document.createTextNode(`${t('legendFixes')} 0–${legendMaxFixes}: `),
    ...DENSITY_COLOURS.map((colour) => {
      const swatch = document.createElement('span');
      swatch.style.background = colour;
      return swatch;
    }),
  );
}

/**
 * Removes the drawn density window with its legend and accepted count, so that a failed or empty
 * load never leaves the values of the previous window next to the new selection.
 */
function clearDensity(): void {
  densityLayer.clearLayers();
  legendMaxFixes = null;
  renderLegend();
  setStatus('accepted', 'ready');
  markShown('density', null);
}

/** Draws the density of the chosen window; fitToCells zooms the map to its cells. */
async function loadDensity(fitToCells = false): Promise<void> {
  const windowStart = element<HTMLSelectElement>('density-window').value;
  clearDensity();
  if (!windowStart) {
    setStatus('density', 'ready');
    return;
  }
  setStatus('density', 'loading', { key: 'loading' });
  const generation = nextGeneration('density');
  const cells = toDensityCells(
    await run('density', indices.density, densityQuery(windowStart), generation),
  );

  const maxFixes = Math.max(0, ...cells.map((cell) => cell.fixes));
  drawCells(cells, maxFixes);
  legendMaxFixes = maxFixes;
  renderLegend();
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
  const table = element<HTMLTableElement>('rejected-reasons');
  table.tBodies[0].replaceChildren();
  table.hidden = true;
  const response = await run('rejected', indices.rejected, rejectedByReasonQuery());
  // Rejected-record indices are monthly and created with their first record, so before the job
  // rejects anything no index matches. The panel shows that, not "no rejected records".
  if (matchedNoIndex(response)) {
    setStatus('rejected', 'ready', { key: 'noRejectedIndex', params: { index: indices.rejected } });
    return;
  }
  const counts = toRejectedCounts(response);
  const rows = counts.byReason.map(({ reason, count }) => {
    const code = document.createElement('code');
    code.textContent = reason;
    const row = document.createElement('tr');
    row.append(document.createElement('td'), document.createElement('td'));
    row.cells[0].append(code);
    row.cells[1].textContent = String(count);
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = rows.length === 0;
  if (counts.total === 0) {
    setStatus('rejected', 'ready', { key: 'noRejected' });
  } else {
    setStatus('rejected', 'ready', { key: 'rejectedTotal', params: { count: counts.total } });
  }
}

/** Lists the days of the chosen cat, keeping the selected date when the cat has it. */
function renderDayOptions(selected = element<HTMLSelectElement>('track-day').value): void {
  const select = element<HTMLSelectElement>('track-day');
  select.replaceChildren(
    ...days.map(
      (day) => new Option(t('dayOption', { date: day.localDate, fixes: day.fixes }), day.localDate),
    ),
  );
  if (selected && days.some((day) => day.localDate === selected)) {
    select.value = selected;
  }
}

/**
 * Removes the drawn track with its home range, so that a failed or empty load never leaves the
 * values of the previous cat or day next to the new selection.
 */
function clearTrack(): void {
  trackLayer.clearLayers();
  setStatus('home-range', 'ready');
  markShown('track', null);
}

/**
 * Lists the chosen cat's local days and draws the track of the chosen date. When the cat has no
 * fixes on that date, it draws the newest day. fitToTrack zooms the map to the track.
 */
async function loadDays(fitToTrack = false): Promise<void> {
  const catId = element<HTMLSelectElement>('track-cat').value;
  const chosenDate = element<HTMLSelectElement>('track-day').value;
  clearTrack();
  days = [];
  renderDayOptions();
  if (!catId) {
    setStatus('track', 'ready');
    return;
  }
  setStatus('track', 'loading', { key: 'loading' });
  const generation = nextGeneration('track');
  const response = await run('track', indices.movement, catDaysQuery(catId), generation);
  if (showNoIndex('track', indices.movement, response)) {
    return;
  }
  days = toDayOptions(response as Parameters<typeof toDayOptions>[0]);
  renderDayOptions(chosenDate);
  if (days.length === 0) {
    setStatus('track', 'ready', { key: 'noDays' });
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
  clearTrack();
  if (!catId || !day) {
    setStatus('track', 'ready');
    return;
  }
  setStatus('track', 'loading', { key: 'loading' });
  const generation = nextGeneration('track');
  const response = await run(
    'track',
    indices.fixes,
    trackQuery(catId, day.start, day.end),
    generation,
  );

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
  layerControl = L.control.layers().addTo(map);
  renderLayerControl();
}

/** Labels the overlays of the layer control in the chosen language, in their fixed order. */
function renderLayerControl(): void {
  if (!layerControl) {
    return;
  }
  for (const [layer] of OVERLAYS) {
    layerControl.removeLayer(layer);
  }
  for (const [layer, key] of OVERLAYS) {
    layerControl.addOverlay(layer, t(key));
  }
}

/**
 * Sets up sign-in and completes a redirect from the hosted UI. Returns true when searches can run.
 * A failed sign-in is shown as such, and the sign-in button stays available to try again.
 */
async function prepareAuth(): Promise<boolean> {
  const status = element('auth-status');
  if (config.auth.mode === 'none') {
    status.className = 'dev-mode';
    status.dataset.i18n = 'noSignIn';
    return true;
  }
  const cognito = config.auth.cognito;
  element('sign-in').addEventListener('click', () => void signIn(cognito).catch(reportError));
  element('sign-out').addEventListener('click', () => {
    credentialsProvider?.clear();
    signOut(cognito);
  });
  try {
    await completeSignIn(cognito);
  } catch (e) {
    console.error(e);
    const message = e instanceof SignInError ? e.detail : errorText(e);
    showMessage({ key: 'errorSignIn', params: { message } });
  }
  if (cognito.searchSigning === 'sigv4') {
    credentialsProvider = new CredentialsProvider(cognito, () => idToken(cognito));
  }
  const token = await bearerToken(cognito);
  element('sign-in').hidden = token !== null;
  element('sign-out').hidden = token === null;
  if (token === null) {
    status.dataset.i18n = 'signInRequired';
    return false;
  }
  status.dataset.i18n = 'signedIn';
  return true;
}

function reportError(e: unknown): void {
  console.error(e);
  showMessage(errorMessage(e));
}

function onChange(id: string, layer: string, load: () => Promise<void>): void {
  element(id).addEventListener('change', () => void loadPanel(layer, load));
}

async function start(): Promise<void> {
  // The language switch and the labels come first, so that the page reads right and can switch
  // language while the configuration and sign-in load, and when they fail.
  element<HTMLSelectElement>('language').addEventListener('change', (event) => {
    language = (event.target as HTMLSelectElement).value as Language;
    localStorage.setItem(LANGUAGE_KEY, language);
    applyLanguage();
  });
  applyLanguage();
  config = await loadConfig();
  indices = indexNames(config.indexPrefix);
  createMap();
  const ready = await prepareAuth();
  applyLanguage();
  if (!ready) {
    return;
  }
  onChange('density-date', 'density', () => loadWindows(true));
  onChange('density-window', 'density', () => loadDensity(true));
  onChange('track-cat', 'track', () => loadDays(true));
  onChange('track-day', 'track', () => loadTrack(true));
  await Promise.all([
    loadPanel('latest', loadLatest),
    loadPanel('density', loadNewestDensityDate),
    loadPanel('rejected', loadRejected),
  ]);
}

start().catch(reportError);
