// A static file server for dist/, for the end-to-end tests: with the
// cross-origin isolation headers, as a good host sends them, or without
// (--no-isolation), as GitHub Pages does, to test the service worker.
// `prefix` serves it under a path, as GitHub Pages serves a project site
// (https://user.github.io/repo/) on an origin that other sites share.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function serve({ root, port = 0, isolation = true, prefix = '/' }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const full = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (!full.startsWith(prefix)) {
      // Another site of the origin: a page with no script of ours.
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>another site</title>');
      return;
    }
    const path = `/${full.slice(prefix.length)}`;
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // Like a real host: hashed files (trunk's output, snippets) are kept,
      // the rest is checked again on each load.
      const hashed = /-[0-9a-f]{16}[._]/.test(path) || path.includes('/snippets/');
      const headers = {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Cache-Control': hashed ? 'max-age=31536000, immutable' : 'no-cache',
      };
      if (isolation) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
        headers['Cross-Origin-Resource-Policy'] = 'same-origin';
      }
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ready) => {
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      ready({ server, origin, url: `${origin}${prefix}` });
    });
  });
}

// `node tests/e2e/serve.mjs [dist] [port] [--no-isolation]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const { url } = await serve({
    root: args[0] || 'dist',
    port: Number(args[1] || 8080),
    isolation: !process.argv.includes('--no-isolation'),
  });
  console.log(`serving on ${url}`);
}
