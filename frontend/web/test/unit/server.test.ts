import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error server.mjs is plain JavaScript without type declarations.
import { checkFiles, isAllowedIndex, parseArgs, startServer } from '../../server.mjs';

const SERVER_SCRIPT = fileURLToPath(new URL('../../server.mjs', import.meta.url));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request with the path exactly as given, without the URL parser's normalisation. */
function send(port: number, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolveReply({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Runs server.mjs with arguments; resolves to its exit code and standard error. A server that
 * starts instead of exiting is killed after 4 s, within the test's 5 s timeout.
 */
function runServerScript(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolveRun) => {
    const options = { timeout: 4_000, killSignal: 'SIGKILL' as const };
    execFile('node', [SERVER_SCRIPT, ...args], options, (error, _stdout, stderr) => {
      resolveRun({ code: error ? (error.code as number | null) : 0, stderr });
    });
  });
}

describe('server', () => {
  let folder: string;
  let root: string;
  let config: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'web-map-server-'));
    root = join(folder, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>map</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
    config = join(folder, 'config.json');
    writeFileSync(config, '{"auth":{"mode":"none"}}');
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('allows indices of prefix', () => {
    expect(isAllowedIndex('cat-data-cat-latest', 'cat-data')).toBe(true);
    expect(isAllowedIndex('cat-data-cell-density-*', 'cat-data')).toBe(true);
  });

  it('rejects other indices', () => {
    expect(isAllowedIndex('.kibana', 'cat-data')).toBe(false);
    expect(isAllowedIndex('other-cat-latest', 'cat-data')).toBe(false);
    expect(isAllowedIndex('cat-data-cat-latest/_doc', 'cat-data')).toBe(false);
    expect(isAllowedIndex('cat-data-a,other', 'cat-data')).toBe(false);
    expect(isAllowedIndex('*', 'cat-data')).toBe(false);
  });

  describe('options', () => {
    it('port accepts digits', () => {
      expect(parseArgs(['--port', '5175']).port).toBe(5175);
      expect(parseArgs(['--port', '0']).port).toBe(0);
      expect(parseArgs(['--port', '65535']).port).toBe(65535);
    });

    it('port rejects non-digits', () => {
      for (const value of ['80abc', '1e3', '-1', '0x50', ' 80', '', '65536', '8.5']) {
        expect(() => parseArgs(['--port', value]), value).toThrow(/invalid --port/);
      }
    });

    it('opensearch needs http url', () => {
      expect(() => parseArgs(['--opensearch', 'not-a-url'])).toThrow(
        /invalid --opensearch not-a-url: it is not a URL/,
      );
      expect(() => parseArgs(['--opensearch', 'ftp://127.0.0.1:9200'])).toThrow(
        /the scheme ftp: is not supported/,
      );
      expect(() => parseArgs(['--opensearch', 'http://user:pw@127.0.0.1:9200'])).toThrow(
        /invalid --opensearch/,
      );
    });

    it('opensearch drops trailing slash', () => {
      expect(parseArgs(['--opensearch', 'http://127.0.0.1:9200/']).opensearch).toBe(
        'http://127.0.0.1:9200',
      );
      expect(parseArgs(['--opensearch', 'https://127.0.0.1:9200']).opensearch).toBe(
        'https://127.0.0.1:9200',
      );
    });

    it('files check passes', () => {
      expect(() => checkFiles({ config, root })).not.toThrow();
    });

    it('files check missing config', () => {
      const missing = join(folder, 'missing.json');
      expect(() => checkFiles({ config: missing, root })).toThrow(
        `--config ${missing} cannot be read (not found)`,
      );
    });

    it('files check invalid json', () => {
      const broken = join(folder, 'broken.json');
      writeFileSync(broken, '{indexPrefix: "cat-data"}');
      expect(() => checkFiles({ config: broken, root })).toThrow(
        `--config ${broken} is not valid JSON`,
      );
      const empty = join(folder, 'empty.json');
      writeFileSync(empty, '');
      expect(() => checkFiles({ config: empty, root })).toThrow(
        `--config ${empty} is not valid JSON`,
      );
    });

    it('files check root without index', () => {
      const missing = join(folder, 'missing');
      expect(() => checkFiles({ config, root: missing })).toThrow(
        `--root ${missing} has no index.html`,
      );
      expect(() => checkFiles({ config, root: join(root, 'assets') })).toThrow(/has no index.html/);
    });
  });

  describe('requests', () => {
    let server: Server;
    let port: number;

    beforeAll(async () => {
      // The forwarding target is never contacted: every search below is rejected before it.
      server = await startServer({
        port: 0,
        opensearch: 'http://127.0.0.1:9',
        indexPrefix: 'cat-data',
        config,
        root,
      });
      port = (server.address() as AddressInfo).port;
    });

    afterAll(() => {
      server.close();
    });

    it('malformed search path is 400', async () => {
      const reply = await send(port, 'POST', '/api/search/%E0%A4%A', '{}');
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('invalid percent-encoding');
      expect((await send(port, 'GET', '/index.html')).status).toBe(200);
    });

    it('malformed file path is 400', async () => {
      const reply = await send(port, 'GET', '/%E0%A4%A');
      expect(reply.status).toBe(400);
      expect((await send(port, 'GET', '/')).status).toBe(200);
    });

    it('folder without index is 404', async () => {
      const reply = await send(port, 'GET', '/assets/');
      expect(reply.status).toBe(404);
      expect(reply.body).toContain('/assets/ not found');
      expect((await send(port, 'GET', '/assets/app.js')).body).toBe('console.log(1);');
    });

    it('folder with index serves it', async () => {
      const reply = await send(port, 'GET', '/');
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.body).toBe('<!doctype html><title>map</title>');
    });

    it('config served', async () => {
      const reply = await send(port, 'GET', '/config.json');
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ auth: { mode: 'none' } });
    });

    it('other methods on files are 405', async () => {
      for (const method of ['DELETE', 'POST', 'PUT']) {
        for (const path of ['/index.html', '/config.json']) {
          const reply = await send(port, method, path);
          expect(reply.status, `${method} ${path}`).toBe(405);
          expect(reply.headers.allow, `${method} ${path}`).toBe('GET, HEAD');
        }
      }
    });

    it('head has no body', async () => {
      const reply = await send(port, 'HEAD', '/index.html');
      expect(reply.status).toBe(200);
      expect(reply.body).toBe('');
    });

    it('search needs post', async () => {
      const reply = await send(port, 'GET', '/api/search/cat-data-cat-latest');
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('POST');
    });

    it('search of other index is 403', async () => {
      const reply = await send(port, 'POST', '/api/search/.kibana', '{}');
      expect(reply.status).toBe(403);
    });

    it('port in use rejects', async () => {
      const error = await startServer({ port, config, root }).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    });

    it('cli reports port in use', async () => {
      const run = await runServerScript([
        '--port',
        String(port),
        '--config',
        config,
        '--root',
        root,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `error: 127.0.0.1:${port} is already in use. Pick another port with --port, or --port 0 for a free one.`,
      ]);
    });

    it('cli checks config at start', async () => {
      const missing = join(folder, 'missing.json');
      const run = await runServerScript(['--port', '0', '--config', missing, '--root', root]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--config ${missing} cannot be read (not found)`);
    });
  });
});
