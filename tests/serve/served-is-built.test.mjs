// One artifact: the README's serve command (scripts/serve.sh, trunk serve)
// serves exactly the page scripts/build.sh built into dist/, the one the
// tests, the benchmark and the deploy use: the same files, byte for byte,
// the glue bundled into one module (no snippet loaded on its own), and the
// isolation headers. Run after scripts/build.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

function filesOf(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test('scripts/serve.sh serves the files scripts/build.sh built, the glue bundled', { timeout: 900_000 }, async (t) => {
  const built = Object.fromEntries(filesOf(DIST).map((f) => [f, sha(readFileSync(join(DIST, f)))]));
  assert.ok(Object.keys(built).some((f) => /^playground-[0-9a-f]+\.js$/.test(f)), 'run scripts/build.sh first');

  const port = await freePort();
  // Its own process group, so that trunk goes with it at the end.
  const serving = spawn(join(ROOT, 'scripts/serve.sh'), ['--port', String(port)], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  serving.stdout.on('data', (d) => { log += d; });
  serving.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}/`;
  try {
    let index;
    const deadline = Date.now() + 840_000;
    // trunk serves the old dist/ while it builds, and swaps it in when done:
    // what it serves is asked once its build has succeeded.
    while (!index) {
      if (serving.exitCode !== null) throw new Error(`scripts/serve.sh ended: ${log.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`scripts/serve.sh did not serve in time: ${log.slice(-3000)}`);
      if (/success/.test(log)) index = await fetch(base).then((r) => (r.ok ? r : null), () => null);
      if (!index) await new Promise((r) => setTimeout(r, 1000));
    }
    const html = await index.text();
    assert.equal(index.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(index.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.equal(sha(html), built['index.html'], `the served index.html is not the built one:\n${html}\n--- built:\n${readFileSync(join(DIST, 'index.html'), 'utf8')}`);

    const glue = html.match(/data-glue="\.?\/?([^"]+)"/)[1];
    const wasm = html.match(/data-wasm="\.?\/?([^"]+)"/)[1];
    for (const file of [glue, wasm, 'boot.js', 'sw.js']) {
      const response = await fetch(base + file);
      assert.equal(response.status, 200, file);
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(sha(bytes), built[file], `the served ${file} is not the built one`);
      if (file === glue) {
        // Bundled: the glue imports no module of its own (wasm-bindgen's
        // snippets were folded into it by scripts/bundle-glue.sh).
        const text = bytes.toString('utf8');
        assert.doesNotMatch(text, /(from|import)\s*\(?\s*["'][^"']*snippets\//, 'the served glue loads its snippets as modules');
        assert.doesNotMatch(text, /(^|[;}\n])import\s*[{*\w]/m, 'the served glue imports modules');
        assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
      }
    }
    assert.ok(!Object.keys(built).some((f) => f.startsWith('snippets/')), 'dist/ has snippets beside the bundle');
    t.diagnostic(`served ${Object.keys(built).length} files, the glue ${glue}`);
  } finally {
    try {
      process.kill(-serving.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
