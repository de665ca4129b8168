// Browser test of the staff map. It runs the job on the real Movebank file of 101 pet cats into a
// throwaway local OpenSearch node and serves the built page. Headless Chromium then has to show one
// marker per cat, one cell per density document of a window, one point per accepted fix of a cat's
// local day, and the file's rejected rows in total and per reason. The same session then switches
// the language both ways, makes searches fail with HTTP 502 to check that no values of the previous
// choice stay, and loads the page with invalid config.json files. Requests to any host other than
// 127.0.0.1 are aborted, so no tile server is contacted. Screenshots go to target/.
//
// Needs the build (npm run build), /usr/bin/chromium (or CHROMIUM_PATH), java, curl and unzip.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../server.mjs';
import { localDate, radiusOfGyrationM, referenceCats } from './reference.mjs';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_ROOT = resolve(WEB_DIR, '../..');
const CSV = resolve(REPO_ROOT, '../shared/data/pet-cats-uk/cats_uk.csv');
const TARGET = join(WEB_DIR, 'target');
const WORK = join(TARGET, 'browser-test');
const TIME_ZONE = 'Europe/London';
const PREFIX = 'cat-data';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 60_000;
/** Length of the job's tumbling density windows: density-window, left at its default PT1H. */
const DENSITY_WINDOW_MS = 3600 * 1000;
/** Pattern of hiragana, katakana and kanji, which show a Japanese label left in English. */
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
/** Overlay labels of the layer control, in the order the page adds them (src/i18n.ts). */
const OVERLAY_LABELS = {
  ja: ['最新位置', '密度', '軌跡と行動圏'],
  en: ['Latest positions', 'Density', 'Track and home range'],
};
/** Legend label of the density colours (legendFixes in src/i18n.ts). */
const LEGEND_LABEL = { ja: '測位数', en: 'Fixes' };

function log(message) {
  console.log(`[map browser test] ${message}`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs a command with inherited output; rejects when it exits with another status than 0. */
function runCommand(command, args, env = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolveRun()
        : reject(new Error(`${command} ${args.join(' ')} failed with exit ${code ?? signal}`)),
    );
  });
}

async function openSearch(endpoint, method, path, body) {
  const response = await fetch(`${endpoint}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} returned HTTP ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

/** Returns the density window with the most documents, as an ISO 8601 instant. */
async function busiestWindow(endpoint) {
  const response = await openSearch(endpoint, 'POST', `/${PREFIX}-cell-density-*/_search`, {
    size: 0,
    aggs: {
      windows: {
        terms: { field: 'window_start', size: 1, order: [{ _count: 'desc' }, { _key: 'asc' }] },
      },
    },
  });
  const [bucket] = response.aggregations.windows.buckets;
  return { start: new Date(bucket.key).toISOString().replace('.000Z', 'Z'), startMs: bucket.key };
}

/** Returns the cat and local date with the most accepted fixes, ties broken by cat and date. */
function busiestCatDay(accepted) {
  const counts = new Map();
  for (const fix of accepted) {
    const key = `${fix.catId}\t${localDate(fix.timeMs, TIME_ZONE)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [key, fixes] = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  )[0];
  const [catId, date] = key.split('\t');
  return { catId, date, fixes };
}

async function checkPage(page, pageUrl, expected) {
  await page.goto(pageUrl);

  // Japanese is the default language. The script fills the labels after the page has loaded.
  await page.waitForFunction(() => document.querySelector('h1')?.textContent !== '', null, {
    timeout: PAGE_TIMEOUT_MS,
  });
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.equal(await page.textContent('h1'), '地域猫マップ');

  await page.waitForSelector('.status[data-layer="latest"][data-state="ready"]', {
    timeout: PAGE_TIMEOUT_MS,
  });
  const markers = await page.locator('path.cat-marker').count();
  log(`markers: ${markers}, distinct cats in the file: ${expected.cats}`);
  assert.equal(markers, expected.cats, 'one marker per cat');

  await page.waitForSelector('.status[data-layer="density"][data-state="ready"]', {
    timeout: PAGE_TIMEOUT_MS,
  });
  await page.waitForSelector('.status[data-layer="rejected"][data-state="ready"]', {
    timeout: PAGE_TIMEOUT_MS,
  });
  const rejectedStatus = await page.textContent('.status[data-layer="rejected"]');
  log(`rejected status: ${rejectedStatus}, rejected rows in the file: ${expected.rejectedTotal}`);
  assert.equal(rejectedStatus, `ライブインデックスの除外レコード: ${expected.rejectedTotal} 件`);
  const reasonRows = await page
    .locator('#rejected-reasons tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
  assert.equal(reasonRows.length, expected.rejected.length, 'one table row per reject reason');
  for (const [i, [reason, count]] of expected.rejected.entries()) {
    assert.equal(reasonRows[i][0], reason, `reason of row ${i}`);
    assert.equal(reasonRows[i][1], String(count), `count of ${reason}`);
  }
  assert.equal(await page.isVisible('#rejected-reasons'), true, 'reason table shown');

  await page.waitForSelector('.status[data-layer="tiles"][data-state="error"]', {
    timeout: PAGE_TIMEOUT_MS,
  });

  await page.fill('#density-date', expected.windowDate);
  await page.dispatchEvent('#density-date', 'change');
  await page.waitForSelector(`#density-window option[value="${expected.windowStart}"]`, {
    state: 'attached',
    timeout: PAGE_TIMEOUT_MS,
  });
  await page.selectOption('#density-window', expected.windowStart);
  await page.waitForSelector(
    `.status[data-layer="density"][data-state="ready"][data-shown="${expected.windowStart}"]`,
    { timeout: PAGE_TIMEOUT_MS },
  );
  const cells = await page.locator('path.density-cell').count();
  log(`cells drawn for ${expected.windowStart}: ${cells}, _count: ${expected.cells}`);
  assert.equal(cells, expected.cells, 'one cell per density document of the window');
  await page.screenshot({ path: join(TARGET, 'map-overview.png') });

  await page.selectOption('#track-cat', expected.catId);
  await page.waitForSelector(`#track-day option[value="${expected.date}"]`, {
    state: 'attached',
    timeout: PAGE_TIMEOUT_MS,
  });
  await page.selectOption('#track-day', expected.date);
  await page.waitForSelector(
    `.status[data-layer="track"][data-state="ready"][data-shown="${expected.catId}/${expected.date}"]`,
    { timeout: PAGE_TIMEOUT_MS },
  );
  const trackFixes = await page.locator('path.track-fix').count();
  log(
    `track of ${expected.catId} on ${expected.date}: ${trackFixes} points, ${expected.fixes} accepted fixes in the file`,
  );
  assert.equal(trackFixes, expected.fixes, 'one track point per accepted fix of the day');
  assert.equal(await page.locator('path.track-line').count(), 1, 'one track line');
  assert.equal(await page.locator('path.home-range-mcp').count(), 1, 'one MCP polygon');
  assert.equal(
    await page.locator('path.home-range-rog').count(),
    1,
    'one radius-of-gyration circle',
  );
  await page.screenshot({ path: join(TARGET, 'map-track.png') });

  await page.selectOption('#language', 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('h1'), 'Community cat map');
  const latestStatus = await page.textContent('.status[data-layer="latest"]');
  assert.equal(latestStatus, `latest positions of ${expected.cats} cats`);
  assert.equal(
    await page.textContent('.status[data-layer="rejected"]'),
    `Rejected records in the live indices: ${expected.rejectedTotal}`,
  );
  assert.equal(await page.textContent('#rejected-reasons th'), 'Reason');
  assert.match(await page.textContent('aside'), /rejected_per_reason_day/);
}

/** Returns the overlay labels of the Leaflet layer control, without Leaflet's leading space. */
function overlayLabels(page) {
  return page
    .locator('.leaflet-control-layers-overlays label')
    .evaluateAll((labels) => labels.map((label) => label.textContent.trim()));
}

/**
 * Switches the page to English and back while the busiest window and cat-day are drawn. The legend,
 * the layer control and the side panel must follow the switch, with no Japanese left in English.
 */
async function checkLanguageSwitch(page, expected) {
  await page.selectOption('#language', 'en');
  const legend = await page.textContent('#legend');
  assert.equal(legend, `${LEGEND_LABEL.en} 0–${expected.maxFixes}: `, 'English density legend');
  assert.doesNotMatch(legend, JAPANESE_SCRIPT, 'no Japanese in the English legend');
  assert.deepEqual(await overlayLabels(page), OVERLAY_LABELS.en, 'English layer-control labels');
  assert.doesNotMatch(
    await page.textContent('.leaflet-control-layers'),
    JAPANESE_SCRIPT,
    'no Japanese in the English layer control',
  );
  assert.doesNotMatch(
    await page.textContent('aside'),
    JAPANESE_SCRIPT,
    'no Japanese in the English side panel',
  );

  await page.selectOption('#language', 'ja');
  assert.equal(await page.getAttribute('html', 'lang'), 'ja', 'lang is ja after switching back');
  assert.equal(
    await page.textContent('#legend'),
    `${LEGEND_LABEL.ja} 0–${expected.maxFixes}: `,
    'Japanese density legend after switching back',
  );
  assert.deepEqual(
    await overlayLabels(page),
    OVERLAY_LABELS.ja,
    'Japanese layer-control labels after switching back',
  );
  assert.equal(
    await page.textContent('.status[data-layer="latest"]'),
    `${expected.cats} 匹の最新位置`,
    'Japanese latest-position status after switching back',
  );
}

/** Returns the values of the options of a select, in their order. */
function optionValues(page, selector) {
  return page
    .locator(`${selector} option`)
    .evaluateAll((options) => options.map((option) => option.value));
}

/**
 * Makes every search fail with HTTP 502, as server.mjs responds when OpenSearch cannot be reached,
 * and picks another day and another density window. The track, home range, cells, legend and
 * accepted count of the previous choice must go, and the failed panels must show the error. With
 * the searches restored, the first choice must draw again.
 */
async function checkFailedSearch(page, expected, endpoint) {
  const trackStatus = '.status[data-layer="track"]';
  const densityStatus = '.status[data-layer="density"]';
  const homeRange = await page.textContent('.status[data-layer="home-range"]');
  const homeRangeMatch = /^行動圏: MCP (\d+) m², 回転半径 (\d+) m$/.exec(homeRange);
  assert.ok(homeRangeMatch, `home range of the day shown, got "${homeRange}"`);
  const shownRadius = Number(homeRangeMatch[2]);
  assert.ok(
    Math.abs(shownRadius - expected.radiusOfGyrationM) <= 1,
    `radius of gyration ${shownRadius} m shown, ${expected.radiusOfGyrationM.toFixed(1)} m from the file`,
  );
  const accepted = await page.textContent('.status[data-layer="accepted"]');
  assert.equal(
    accepted,
    `選択ウィンドウの受理測位: ${expected.acceptedInWindow}`,
    'accepted fixes of the window, as counted in the file',
  );
  const otherDay = (await optionValues(page, '#track-day')).find((day) => day !== expected.date);
  assert.ok(otherDay, `${expected.catId} has a day other than ${expected.date} to pick`);
  const otherWindow = (await optionValues(page, '#density-window')).find(
    (start) => start !== expected.windowStart,
  );
  assert.ok(otherWindow, `${expected.windowDate} has a window other than ${expected.windowStart}`);

  const failureBody = `OpenSearch at ${endpoint} cannot be reached\n`;
  const failedUrls = [];
  const failSearch = (route) => {
    failedUrls.push(route.request().url());
    return route.fulfill({
      status: 502,
      contentType: 'text/plain; charset=utf-8',
      body: failureBody,
    });
  };
  await page.route('**/api/search/**', failSearch);

  await page.selectOption('#track-day', otherDay);
  await page.waitForSelector(`${trackStatus}[data-state="error"]`, { timeout: PAGE_TIMEOUT_MS });
  log(`day ${otherDay} with failing searches: ${await page.textContent(trackStatus)}`);
  assert.equal(await page.locator('path.track-fix').count(), 0, 'no track points left');
  assert.equal(await page.locator('path.track-line').count(), 0, 'no track line left');
  assert.equal(await page.locator('path.home-range-mcp').count(), 0, 'no MCP polygon left');
  assert.equal(await page.locator('path.home-range-rog').count(), 0, 'no gyration circle left');
  assert.equal(
    await page.textContent('.status[data-layer="home-range"]'),
    '',
    `home range "${homeRange}" of ${expected.date} removed`,
  );
  assert.equal(await page.getAttribute(trackStatus, 'data-shown'), null, 'no track marked shown');
  const trackError = await page.textContent(trackStatus);
  assert.ok(
    trackError.startsWith('検索に失敗しました'),
    `Japanese search error, got "${trackError}"`,
  );
  assert.ok(trackError.includes(`${PREFIX}-cat-fix-*`), 'track error names the fix index');
  assert.ok(trackError.includes(`HTTP 502 ${failureBody.trim()}`), 'track error has the response');
  assert.ok(await page.isVisible(trackStatus), 'track error visible');

  await page.selectOption('#density-window', otherWindow);
  await page.waitForSelector(`${densityStatus}[data-state="error"]`, { timeout: PAGE_TIMEOUT_MS });
  assert.equal(await page.locator('path.density-cell').count(), 0, 'no density cells left');
  assert.equal(await page.textContent('#legend'), '', 'no legend left');
  assert.equal(
    await page.textContent('.status[data-layer="accepted"]'),
    '',
    `accepted count "${accepted}" of ${expected.windowStart} removed`,
  );
  assert.equal(
    await page.getAttribute(densityStatus, 'data-shown'),
    null,
    'no window marked shown',
  );
  const densityError = await page.textContent(densityStatus);
  assert.ok(densityError.startsWith('検索に失敗しました'), `density error, got "${densityError}"`);
  assert.ok(densityError.includes('HTTP 502'), 'density error has the status');
  assert.ok(await page.isVisible(densityStatus), 'density error visible');
  assert.ok(
    failedUrls.length >= 2,
    `the route failed ${failedUrls.length} searches, expected at least 2`,
  );
  await page.screenshot({ path: join(TARGET, 'map-search-error.png') });

  await page.unroute('**/api/search/**', failSearch);
  await page.selectOption('#track-day', expected.date);
  await page.waitForSelector(
    `${trackStatus}[data-state="ready"][data-shown="${expected.catId}/${expected.date}"]`,
    { timeout: PAGE_TIMEOUT_MS },
  );
  assert.equal(
    await page.locator('path.track-fix').count(),
    expected.fixes,
    'track points back once searches work again',
  );
  assert.equal(
    await page.textContent('.status[data-layer="home-range"]'),
    homeRange,
    'home range back once searches work again',
  );
  await page.selectOption('#density-window', expected.windowStart);
  await page.waitForSelector(
    `${densityStatus}[data-state="ready"][data-shown="${expected.windowStart}"]`,
    { timeout: PAGE_TIMEOUT_MS },
  );
  assert.equal(
    await page.textContent('.status[data-layer="accepted"]'),
    accepted,
    'accepted count back once searches work again',
  );
}

/**
 * Invalid config.json files served in place of the real one, each with a part of the error the page
 * must show in Japanese and in English (configAuthMode and configInvalidJson in src/i18n.ts).
 */
const INVALID_CONFIGS = [
  {
    name: 'auth.mode off',
    body: '{"auth": {"mode": "off"}}',
    ja: 'config.json の auth.mode が "off" です',
    en: 'auth.mode is "off" in config.json',
  },
  {
    name: 'invalid JSON',
    body: '{"auth": ',
    ja: 'config.json が正しい JSON ではありません',
    en: 'config.json is not valid JSON',
  },
];

/**
 * Loads the page with each invalid config.json. It must stop with a visible configuration error
 * that names the key or the file, in Japanese and in English after the switch, and send no search.
 */
async function checkConfigErrors(page, pageUrl) {
  const searches = [];
  const onRequest = (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/search/')) {
      searches.push(request.url());
    }
  };
  page.on('request', onRequest);
  for (const config of INVALID_CONFIGS) {
    const serveConfig = (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: config.body });
    await page.route('**/config.json', serveConfig);
    await page.goto(pageUrl);
    await page.waitForSelector('#message', { state: 'visible', timeout: PAGE_TIMEOUT_MS });

    assert.equal(await page.getAttribute('html', 'lang'), 'ja', `${config.name}: page in Japanese`);
    const ja = await page.textContent('#message');
    log(`${config.name}: ${ja}`);
    assert.ok(ja.startsWith('設定エラー: '), `${config.name}: Japanese label, got "${ja}"`);
    assert.ok(ja.includes(config.ja), `${config.name}: "${config.ja}" in "${ja}"`);
    if (config === INVALID_CONFIGS[0]) {
      await page.screenshot({ path: join(TARGET, 'map-config-error.png') });
    }

    await page.selectOption('#language', 'en');
    const en = await page.textContent('#message');
    assert.ok(en.startsWith('Configuration error: '), `${config.name}: English label, got "${en}"`);
    assert.ok(en.includes(config.en), `${config.name}: "${config.en}" in "${en}"`);
    assert.doesNotMatch(en, JAPANESE_SCRIPT, `${config.name}: no Japanese in the English error`);
    assert.ok(await page.isVisible('#message'), `${config.name}: English error visible`);

    await page.selectOption('#language', 'ja');
    assert.equal(await page.textContent('#message'), ja, `${config.name}: Japanese error again`);
    assert.equal(await page.locator('path.cat-marker').count(), 0, `${config.name}: no markers`);
    await page.unroute('**/config.json', serveConfig);
  }
  page.off('request', onRequest);
  assert.deepEqual(searches, [], 'no search sent with an invalid config.json');
}

async function main() {
  assert.ok(
    existsSync(CSV),
    `input file ${CSV} not found: the folder shared must sit beside the repository`,
  );
  assert.ok(
    existsSync(join(WEB_DIR, 'target/dist/index.html')),
    'target/dist is missing: run npm run build first',
  );
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} not found: install the Debian package chromium, or set CHROMIUM_PATH`,
  );

  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const reference = referenceCats(CSV);

  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const nodeEnv = {
    LOCAL_OPENSEARCH_PORT: String(port),
    LOCAL_OPENSEARCH_RUN_BASE: join(WORK, 'opensearch'),
  };
  const script = join(REPO_ROOT, 'infra/local/opensearch.sh');
  let server;
  let context;
  let nodeStarted = false;
  const stopNode = () => runCommand(script, ['stop'], nodeEnv);
  const onSignal = (signal) => {
    log(`${signal} received, stopping OpenSearch`);
    stopNode().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    mkdirSync(nodeEnv.LOCAL_OPENSEARCH_RUN_BASE, { recursive: true });
    nodeStarted = true;
    await runCommand(script, ['start'], nodeEnv);
    await runCommand(join(REPO_ROOT, 'flink-job/run-local.sh'), [
      '--input',
      CSV,
      '--municipality-code',
      '131067',
      '--time-zone',
      TIME_ZONE,
      '--output',
      join(WORK, 'warehouse'),
      '--overwrite',
      '--opensearch',
      endpoint,
    ]);
    await openSearch(endpoint, 'POST', '/_refresh');

    const window = await busiestWindow(endpoint);
    const cellCount = await openSearch(endpoint, 'POST', `/${PREFIX}-cell-density-*/_count`, {
      query: { term: { window_start: window.start } },
    });
    // The legend's upper end: the largest fixes of the window's density documents.
    const maxFixes = await openSearch(endpoint, 'POST', `/${PREFIX}-cell-density-*/_search`, {
      size: 0,
      query: { term: { window_start: window.start } },
      aggs: { max_fixes: { max: { field: 'fixes' } } },
    });
    const catDay = busiestCatDay(reference.accepted);
    const dayFixes = reference.accepted.filter(
      (fix) => fix.catId === catDay.catId && localDate(fix.timeMs, TIME_ZONE) === catDay.date,
    );
    const acceptedInWindow = reference.accepted.filter(
      (fix) => fix.timeMs >= window.startMs && fix.timeMs < window.startMs + DENSITY_WINDOW_MS,
    ).length;
    // Reasons as the page orders them: most rows first, ties by reason code.
    const rejected = [...reference.rejected.entries()].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    const expected = {
      cats: reference.catIds.size,
      windowStart: window.start,
      windowDate: localDate(window.startMs, TIME_ZONE),
      cells: cellCount.count,
      maxFixes: maxFixes.aggregations.max_fixes.value,
      acceptedInWindow,
      radiusOfGyrationM: radiusOfGyrationM(dayFixes),
      rejected,
      rejectedTotal: rejected.reduce((sum, [, count]) => sum + count, 0),
      ...catDay,
    };
    assert.ok(expected.rejectedTotal > 0, 'the file has no rejected rows to count');
    assert.ok(
      expected.cells > 1,
      `window ${window.start} has ${expected.cells} cells, too few to test`,
    );

    const config = join(WORK, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ indexPrefix: PREFIX, timeZone: TIME_ZONE, auth: { mode: 'none' } }),
    );
    server = await startServer({
      port: 0,
      opensearch: endpoint,
      indexPrefix: PREFIX,
      config,
      root: join(WEB_DIR, 'target/dist'),
    });
    const pageUrl = `http://127.0.0.1:${server.address().port}/`;

    // A persistent context is how Playwright takes a fresh --user-data-dir.
    context = await chromium.launchPersistentContext(join(WORK, 'chromium-profile'), {
      executablePath: CHROMIUM,
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-proxy-server',
      ],
    });
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') {
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    await checkPage(page, pageUrl, expected);
    await checkLanguageSwitch(page, expected);
    await checkFailedSearch(page, expected, endpoint);
    await checkConfigErrors(page, pageUrl);

    assert.ok(
      blocked.some((href) => href.startsWith('https://cyberjapandata.gsi.go.jp/xyz/std/')),
      'the page requested GSI tiles, and the route blocked them',
    );
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    log(`passed; ${blocked.length} requests to other hosts blocked; screenshots in ${TARGET}`);
  } finally {
    await context?.close();
    server?.close();
    if (nodeStarted) {
      await stopNode().catch((e) => console.error(`stopping OpenSearch failed: ${e.message}`));
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
