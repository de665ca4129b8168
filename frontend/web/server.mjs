#!/usr/bin/env node
// Development server of the staff map: serves the built page from target/dist and forwards
// POST /api/search/<index> to <opensearch>/<index>/_search. It listens on 127.0.0.1 only and has
// no sign-in, so it is for a local OpenSearch node; in AWS the reverse proxy does this job.
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;
const SEARCH_PATH = '/api/search/';
/** Time a search may take at OpenSearch before the server responds with 504. */
const UPSTREAM_TIMEOUT_MS = 30_000;
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const USAGE = `Usage: node server.mjs [options]

  --port N             port on ${HOST} (default 5173; 0 picks a free one)
  --opensearch URL     http or https URL the searches go to (default http://127.0.0.1:9200)
  --index-prefix NAME  only indices starting with NAME- can be searched (default cat-data)
  --config FILE        JSON file served as /config.json (default config.local.json: no sign-in)
  --root DIR           folder of the built page, with index.html (default target/dist)
`;

function parsePort(value) {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new Error(
      `invalid --port ${value}: give a whole number from 0 to 65535 in digits (0 picks a free port)`,
    );
  }
  return Number(value);
}

/** Returns an http or https URL without its trailing slashes, or throws naming --opensearch. */
function parseEndpoint(value) {
  const fix = 'Give an http or https URL, such as http://127.0.0.1:9200.';
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`invalid --opensearch ${value}: it is not a URL. ${fix}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `invalid --opensearch ${value}: the scheme ${url.protocol} is not supported. ${fix}`,
    );
  }
  // fetch rejects URLs with credentials, and a query or fragment would end up before /_search.
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `invalid --opensearch ${value}: user name, password, query and fragment are not supported. ${fix}`,
    );
  }
  return value.replace(/\/+$/, '');
}

export function parseArgs(argv) {
  const webDir = fileURLToPath(new URL('.', import.meta.url));
  const options = {
    port: 5173,
    opensearch: 'http://127.0.0.1:9200',
    indexPrefix: 'cat-data',
    config: join(webDir, 'config.local.json'),
    root: join(webDir, 'target', 'dist'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--help' || name === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (value === undefined) {
      throw new Error(`option ${name} needs a value. Run with --help for the options.`);
    }
    switch (name) {
      case '--port':
        options.port = parsePort(value);
        break;
      case '--opensearch':
        options.opensearch = parseEndpoint(value);
        break;
      case '--index-prefix':
        options.indexPrefix = value;
        break;
      case '--config':
        options.config = resolve(value);
        break;
      case '--root':
        options.root = resolve(value);
        break;
      default:
        throw new Error(`unknown option ${name}. Run with --help for the options.`);
    }
  }
  return options;
}

/**
 * Checks that the files of the options are usable before the server starts: the config file exists
 * and is valid JSON, and the root folder has index.html. Throws an error naming the option.
 */
export function checkFiles(options) {
  let text;
  try {
    text = readFileSync(options.config, 'utf8');
  } catch (e) {
    const reason = e.code === 'ENOENT' ? 'not found' : e.message;
    throw new Error(
      `--config ${options.config} cannot be read (${reason}). Give the JSON file served as /config.json, such as config.local.json.`,
    );
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw new Error(
      `--config ${options.config} is not valid JSON: ${e.message}. Fix the file, or give another with --config.`,
    );
  }
  const index = join(options.root, 'index.html');
  if (!statSync(index, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(
      `--root ${options.root} has no index.html. Run npm run build first, or give the folder of a build with --root.`,
    );
  }
}

/** True for one index name or pattern of the prefix, such as cat-data-cell-density-*. */
export function isAllowedIndex(index, prefix) {
  return /^[a-z0-9][a-z0-9._*-]*$/.test(index) && index.startsWith(`${prefix}-`);
}

/** Sends a response. Node leaves out the body when the request is HEAD. */
function send(response, status, body, type = 'text/plain; charset=utf-8', headers = {}) {
  response.writeHead(status, { 'Content-Type': type, ...headers });
  response.end(body);
}

/** Returns the percent-decoded path, or null when it has an invalid escape such as %E0%A4%A. */
function decodePath(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

class BodyTooLargeError extends Error {}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function forwardSearch(options, request, response, encodedIndex) {
  if (request.method !== 'POST') {
    send(response, 405, 'only POST is forwarded to _search\n', undefined, { Allow: 'POST' });
    return;
  }
  const index = decodePath(encodedIndex);
  if (index === null) {
    send(response, 400, `index "${encodedIndex}" has an invalid percent-encoding\n`);
    return;
  }
  if (!isAllowedIndex(index, options.indexPrefix)) {
    send(response, 403, `index "${index}" is not one of ${options.indexPrefix}-*\n`);
    return;
  }
  let body;
  try {
    body = await readBody(request);
  } catch (e) {
    if (!(e instanceof BodyTooLargeError)) {
      throw e;
    }
    send(response, 413, `${e.message}\n`);
    return;
  }
  const headers = { 'Content-Type': 'application/json' };
  if (request.headers.authorization) {
    headers.Authorization = request.headers.authorization;
  }
  try {
    const upstream = await fetch(`${options.opensearch}/${index}/_search`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    send(response, upstream.status, Buffer.from(await upstream.arrayBuffer()), 'application/json');
  } catch (e) {
    console.error(
      `forwarding a search of ${index} to ${options.opensearch} failed: ${e.cause ?? e}`,
    );
    if (e.name === 'TimeoutError') {
      send(
        response,
        504,
        `OpenSearch at ${options.opensearch} did not answer within ${UPSTREAM_TIMEOUT_MS / 1000} s\n`,
      );
    } else {
      send(response, 502, `OpenSearch at ${options.opensearch} cannot be reached\n`);
    }
  }
}

async function serveFile(options, request, response, pathname) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const message = `${request.method} is not allowed: files are served for GET and HEAD only\n`;
    send(response, 405, message, undefined, { Allow: 'GET, HEAD' });
    return;
  }
  if (pathname === '/config.json') {
    send(response, 200, await readFile(options.config), CONTENT_TYPES['.json']);
    return;
  }
  const decoded = decodePath(pathname);
  if (decoded === null) {
    send(response, 400, `path ${pathname} has an invalid percent-encoding\n`);
    return;
  }
  const relative = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(options.root, relative);
  if (!file.startsWith(options.root)) {
    send(response, 403, 'forbidden\n');
    return;
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    send(response, 404, `${pathname} not found\n`);
    return;
  }
  // The built files are small, so reading each whole avoids a stream that can fail after the
  // status line has gone out.
  const body = await readFile(file);
  send(response, 200, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
}

function handleRequest(options, request, response) {
  let pathname;
  try {
    ({ pathname } = new URL(request.url, `http://${HOST}`));
  } catch {
    send(response, 400, `invalid request target ${request.url}\n`);
    return Promise.resolve();
  }
  return pathname.startsWith(SEARCH_PATH)
    ? forwardSearch(options, request, response, pathname.slice(SEARCH_PATH.length))
    : serveFile(options, request, response, pathname);
}

/**
 * Starts the server; resolves to the listening http.Server, or rejects with the listen error,
 * such as EADDRINUSE.
 */
export function startServer(options) {
  const server = createServer((request, response) => {
    handleRequest(options, request, response).catch((e) => {
      console.error(`${request.method} ${request.url} failed: ${e.stack ?? e}`);
      if (!response.headersSent) {
        send(response, 500, 'internal error\n');
      } else {
        response.destroy();
      }
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      server.on('error', (e) => console.error(`server error: ${e.stack ?? e}`));
      resolvePromise(server);
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
    checkFiles(options);
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  let server;
  try {
    server = await startServer(options);
  } catch (e) {
    if (e.code === 'EADDRINUSE') {
      console.error(
        `error: ${HOST}:${options.port} is already in use. Pick another port with --port, or --port 0 for a free one.`,
      );
    } else {
      console.error(`error: listening on ${HOST}:${options.port} failed: ${e.message}`);
    }
    process.exit(1);
  }
  console.log(
    `Serving ${options.root} on http://${HOST}:${server.address().port}/ with searches forwarded to ${options.opensearch}`,
  );
}
