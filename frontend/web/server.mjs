#!/usr/bin/env node
// Development server of the staff map: serves the built page from target/dist and forwards
// POST /api/search/<index> to <opensearch>/<index>/_search. It listens on 127.0.0.1 only and has
// no sign-in, so it is for a local OpenSearch node; in AWS the reverse proxy does this job.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;
const SEARCH_PATH = '/api/search/';
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
  --opensearch URL     OpenSearch endpoint the searches go to (default http://127.0.0.1:9200)
  --index-prefix NAME  only indices starting with NAME- can be searched (default cat-data)
  --config FILE        file served as /config.json (default config.local.json: no sign-in)
  --root DIR           folder of the built page (default target/dist)
`;

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
        options.port = Number.parseInt(value, 10);
        if (!(options.port >= 0 && options.port < 65536)) {
          throw new Error(`invalid --port ${value}: give a number from 0 to 65535`);
        }
        break;
      case '--opensearch':
        options.opensearch = value.replace(/\/+$/, '');
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

/** True for one index name or pattern of the prefix, such as cat-data-cell-density-*. */
export function isAllowedIndex(index, prefix) {
  return /^[a-z0-9][a-z0-9._*-]*$/.test(index) && index.startsWith(`${prefix}-`);
}

function send(response, status, body, type = 'text/plain; charset=utf-8') {
  response.writeHead(status, { 'Content-Type': type });
  response.end(body);
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`request body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function forwardSearch(options, request, response, index) {
  if (request.method !== 'POST') {
    send(response, 405, 'only POST is forwarded to _search\n');
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
    });
    send(response, upstream.status, Buffer.from(await upstream.arrayBuffer()), 'application/json');
  } catch (e) {
    console.error(
      `forwarding a search of ${index} to ${options.opensearch} failed: ${e.cause ?? e}`,
    );
    send(response, 502, `OpenSearch at ${options.opensearch} cannot be reached\n`);
  }
}

async function serveFile(options, response, pathname) {
  if (pathname === '/config.json') {
    send(response, 200, await readFile(options.config), CONTENT_TYPES['.json']);
    return;
  }
  const relative = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(options.root, relative);
  if (!file.startsWith(options.root)) {
    send(response, 403, 'forbidden\n');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
  } else if (!info) {
    send(response, 404, `${pathname} not found\n`);
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(response);
}

/** Starts the server; resolves to the listening http.Server. */
export function startServer(options) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, `http://${HOST}`);
    const handle = pathname.startsWith(SEARCH_PATH)
      ? forwardSearch(
          options,
          request,
          response,
          decodeURIComponent(pathname.slice(SEARCH_PATH.length)),
        )
      : serveFile(options, response, pathname);
    handle.catch((e) => {
      console.error(`${request.method} ${pathname} failed: ${e.stack ?? e}`);
      if (!response.headersSent) {
        send(response, 500, 'internal error\n');
      }
    });
  });
  return new Promise((resolvePromise) => {
    server.listen(options.port, HOST, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(2);
  }
  const server = await startServer(options);
  console.log(
    `Serving ${options.root} on http://${HOST}:${server.address().port}/ with searches forwarded to ${options.opensearch}`,
  );
}
