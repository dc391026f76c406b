// Browser test harness: builds the static site with Vite's JS API in test
// mode (into dist-test/: the same build as `npm run build:site` plus the
// window.__alab hook and the worker's test faults), serves it with
// `vite preview` in this process, and drives Debian's Chromium through
// playwright-core. Collects console errors so tests can fail on any of them,
// and saves screenshots under test-artifacts/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { after, before } from 'node:test';

import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const artifacts = path.join(root, 'test-artifacts');
// (ALAB_TEST_DIST: another folder, for a run beside npm test, e.g. npm run soak)
export const testDist = process.env.ALAB_TEST_DIST ? path.resolve(process.env.ALAB_TEST_DIST) : path.join(root, 'dist-test');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Flags that work as root on a machine without network (see docs).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let built = null;

/** Builds dist-test/ (mode 'test') once per process. */
export function buildTestSite() {
  built ??= build({ configFile: path.join(root, 'vite.config.js'), mode: 'test', build: { outDir: testDist }, logLevel: 'warn' });
  return built;
}

/** Builds dist-test/ once per process and serves it; returns { url, close }. */
export async function serveSite() {
  await buildTestSite();
  const server = await preview({ configFile: path.join(root, 'vite.config.js'), mode: 'test', build: { outDir: testDist }, preview: { port: 0, strictPort: false }, logLevel: 'warn' });
  const { port } = server.httpServer.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.httpServer.close(resolve)) };
}

/** Launches headless Chromium with a fresh profile; returns { browser, close }. */
export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'alab-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context: browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors and page errors into page.errors. */
export async function openPage(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.goto(url);
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Opens `path` of the site and waits until the page says it is ready; returns the page. */
export async function openReady(context, url, { timeout = 30000 } = {}) {
  const page = await openPage(context, url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout });
  return page;
}

/** Waits until the page's run has stopped at the end of its schedule. */
export async function waitFinished(page, { timeout = 60000 } = {}) {
  await page.waitForFunction(() => window.__alab?.reason() === 'finished', null, { timeout });
}

/**
 * Serves the built site and launches Chromium once for a test file:
 * registers the before/after hooks and returns { site, browser }, filled in
 * when `before` has run. `serve` may be another server with the same shape
 * (e.g. helpers/static-server.mjs, which adds a CSP header).
 */
export function useSiteAndBrowser(serve = serveSite) {
  const env = { site: null, browser: null };
  before(async () => {
    env.site = await serve();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}
