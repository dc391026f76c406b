// A tiny static file server (node:http, no dependencies) for the built site,
// used where a test must control the response headers: it sends the same
// extra headers (e.g. a Content-Security-Policy) on EVERY response, so the
// training worker's script gets the policy too (a worker is governed by the
// policy of its own response, not by a <meta> of the page). It also accepts
// CSP violation reports (`report-uri /__csp-report`) from the page and its
// workers and keeps them in `reports`, so a test sees violations that no
// page-side `securitypolicyviolation` listener can (those raised in a worker).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { buildTestSite, testDist } from './browser.mjs';

export const dist = testDist;
export const REPORT_PATH = '/__csp-report';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',   // required by WebAssembly.instantiateStreaming
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Builds dist-test/ with Vite once per process (as serveSite() does). */
export const buildSite = buildTestSite;

/**
 * Serves `dir` (default dist-test/, built first) on 127.0.0.1 at a free port.
 * @param {{ dir?: string, headers?: object | ((urlPath: string) => object), routes?: object }} options
 *   headers: sent with every response (or computed per path);
 *   routes: { '/path': { type, body } } extra in-memory pages (e.g. a host page for a test)
 * @returns {Promise<{ url: string, origin: string, reports: object[], requests: string[], close(): Promise<void> }>}
 */
export async function serveStatic({ dir = dist, headers = {}, routes = {} } = {}) {
  if (dir === dist) await buildSite();
  const base = path.resolve(dir);
  const reports = [];
  const requests = [];
  const headersFor = typeof headers === 'function' ? headers : () => headers;

  const server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(urlPath);
    if (req.method === 'POST' && urlPath === REPORT_PATH) {
      let body = '';
      req.setEncoding('utf8');
      for await (const chunk of req) body += chunk;
      try {
        const parsed = JSON.parse(body);
        for (const r of [].concat(parsed)) reports.push(r['csp-report'] ?? r.body ?? r);
      } catch {
        reports.push({ unparsed: body.slice(0, 500) });
      }
      res.writeHead(204).end();
      return;
    }
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headersFor(urlPath) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (routes[urlPath]) {
      const r = routes[urlPath];
      send(200, r.type ?? 'text/html; charset=utf-8', r.body);
      return;
    }
    let file = path.resolve(base, `.${urlPath}`);
    if (file !== base && !file.startsWith(base + path.sep)) {   // no way out of the served folder
      send(403, 'text/plain', 'forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    reports,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
