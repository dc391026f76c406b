// The package as a stranger gets it: `npm pack` (which runs prepack: the wasm
// module and the custom element are built), the tarball installed offline
// into an empty project, then everything the README's "Use the package"
// promises, used only through the package's name:
//   - `npx activation-lab --help` and an experiment through node_modules/.bin;
//   - `import { loadLab } from 'activation-lab'` in Node;
//   - `tsc --noEmit --strict` over a TypeScript consumer (and a wrong one fails);
//   - a Vite app that imports the library and the element, built and loaded in Chromium;
//   - a plain HTML page with <script type="module"> and <activation-lab>, in Chromium.
// Vite and TypeScript come from this repository's devDependencies (the
// consumer would have its own); the package itself has no runtime dependency.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { build } from 'vite';

import { artifacts, launchBrowser, openPage, root } from '../browser/helpers/browser.mjs';
import { serveStatic } from '../browser/helpers/static-server.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(path.join(tmpdir(), 'alab-consumer-'));
const app = path.join(work, 'app');
let tarball;
let browser;

// npm run inside `npm test` inherits npm_config_* and npm_lifecycle_* from the
// outer npm; a consumer's npm would not have them.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: cleanEnv, maxBuffer: 1 << 26, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

function write(rel, text) {
  const file = path.join(app, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

before(async () => {
  // 1. npm pack, as a release would (prepack builds what the package carries).
  sh(npm, ['pack', '--silent', '--pack-destination', work], { cwd: root });
  const tgz = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  assert.equal(tgz.length, 1, `one tarball in ${work}: ${tgz}`);
  tarball = path.join(work, tgz[0]);
  // 2. An empty project installs it offline, from the file, with an empty npm
  // cache: the package has no dependency to fetch, so nothing may be needed.
  mkdirSync(app);
  write('package.json', JSON.stringify({ name: 'alab-consumer', private: true, type: 'module' }, null, 2));
  sh(npm, ['install', '--offline', '--cache', path.join(work, 'empty-npm-cache'), '--no-audit', '--no-fund', tarball], { cwd: app });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

test('the tarball carries the library, both wasm builds, the element, the CLI, the types, the embedding guide and the LICENSE, and nothing of the repo', () => {
  const list = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/activation-lab.js', 'bin/experiments.js', 'web/lib/lab.js', 'web/lib/node.js',
    'web/lib/browser.js', 'web/lib/wasm/activation_lab.mjs', 'web/lib/wasm/activation_lab.wasm', 'web/lib/wasm/activation_lab_scalar.wasm',
    'web/lib/wasm/catalogue.js', 'web/lib/wasm/schema.js',
    'dist-lib/activation-lab.js', 'types/index.d.ts', 'types/element.d.ts', 'docs/embedding.md']) {
    assert.ok(list.includes(f), `tarball has ${f}`);
  }
  for (const f of list) assert.match(f, /^(LICENSE|README\.md|package\.json|docs\/embedding\.md|bin\/|web\/lib\/|dist-lib\/|types\/)/, `nothing else: ${f}`);
  // The README's "What is in the tarball (about N KB, M files)" is this tarball.
  const [, kb, files] = /What is in the tarball \(about (\d+) KB, (\d+) files\)/.exec(readFileSync(path.join(root, 'README.md'), 'utf8')) ?? [];
  assert.equal(Number(files), list.length, 'README: the file count of the tarball');
  const size = statSync(tarball).size / 1000;
  assert.ok(Math.abs(size - Number(kb)) <= 0.05 * size, `README: about ${kb} KB; the tarball is ${size.toFixed(0)} KB`);
  const pkg = JSON.parse(readFileSync(path.join(app, 'node_modules/activation-lab/package.json'), 'utf8'));
  assert.equal(pkg.dependencies, undefined, 'no runtime dependencies: Chart.js is bundled into the element');
  assert.match(readFileSync(path.join(app, 'node_modules/activation-lab/LICENSE'), 'utf8'), /^MIT License/);
});

test('npx activation-lab works through the .bin link: --help, an experiment, --csv, a bad flag', () => {
  const help = sh(npm, ['exec', '--offline', '--', 'activation-lab', '--help'], { cwd: app });
  assert.match(help.stdout, /^usage: activation-lab <experiment> \[options\]/);
  const expHelp = sh('npx', ['--offline', 'activation-lab', 'train', '--help'], { cwd: app });
  assert.match(expHelp.stdout, /--dataset NAME/);
  const table = sh('npx', ['--offline', 'activation-lab', 'born-dead', '--trials', '20'], { cwd: app });
  assert.match(table.stdout, /^born-dead\n\nhe: P\(born dead\), rows depth, columns width \(20 trials each\)/);
  const csv = sh(path.join(app, 'node_modules/.bin/activation-lab'), ['train', '--steps', '100', '--every', '50', '--csv'], { cwd: app });
  const lines = csv.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^step,learningRate,trainLoss/);
  assert.equal(lines.length, 1 + 3 * 2, 'header + 3 reports x 2 layers');
  const bad = spawnSync('npx', ['--offline', 'activation-lab', 'train', '--stpes', '3'], { cwd: app, encoding: 'utf8', env: cleanEnv });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /activation-lab: unknown option --stpes for train \(did you mean --steps\?\)/);
});

test('import { loadLab } from "activation-lab" in Node: kernels, a network, a dataset, the graph API; the element imports without a DOM', () => {
  write('node-consumer.mjs', `
import { loadLab, Lab, Network, EXPERIMENTS, runBornDead, GCN_EXPERIMENT } from 'activation-lab';
const lab = await loadLab();
const relu = Array.from(lab.forward('relu', new Float32Array([-1, 0, 2])));
const data = lab.dataset('xor', { n: 200, seed: 3 });
const net = lab.createNetwork({ inputs: 2, hidden: [8], activation: 'tanh', seed: 3 });
net.setData(data);
const report = net.train(300);
net.delete();
const karate = lab.graph('karate');
const scalar = await loadLab({ simd: false });
// Server-side rendering imports the element too: without a DOM it must not throw.
const element = await import('activation-lab/element');
element.defineActivationLab();
console.log(JSON.stringify({ relu, lab: lab instanceof Lab, net: net instanceof Network, simd: lab.simd, scalarSimd: scalar.simd,
  acc: report.trainAccuracy, layers: report.layers.length, nodes: karate.nodes, presets: Object.keys(EXPERIMENTS),
  gcn: GCN_EXPERIMENT.id, bornDead: typeof runBornDead, element: typeof element.ActivationLabElement }));
`);
  const out = JSON.parse(sh(process.execPath, ['node-consumer.mjs'], { cwd: app }).stdout);
  assert.deepEqual(out.relu, [0, 0, 2]);
  assert.equal(out.lab, true);
  assert.equal(out.net, true);
  assert.equal(out.simd, true);
  assert.equal(out.scalarSimd, false);
  assert.ok(out.acc > 0.8, `xor learned: ${out.acc}`);
  assert.equal(out.layers, 1);
  assert.equal(out.nodes, 34);
  assert.deepEqual(out.presets, ['saturation', 'dying-relu', 'born-dead']);
  assert.equal(out.gcn, 'gcn');
  assert.equal(out.element, 'function', 'activation-lab/element imports in Node (no DOM) without throwing');
  // Only the public entry points are reachable.
  const deep = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('activation-lab/web/lib/lab.js')"], { cwd: app, encoding: 'utf8' });
  assert.match(deep.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
});

test('CommonJS: await import() works, and require() where Node can require ES modules (20.19+, 22.12+), as the README says', () => {
  write('cjs-consumer.cjs', `
const viaRequire = process.features.require_module ? require('activation-lab') : null;
import('activation-lab').then(async ({ loadLab }) => {
  const lab = await (viaRequire ?? { loadLab }).loadLab();
  console.log(JSON.stringify({ required: viaRequire !== null, relu: Array.from(lab.forward('relu', new Float32Array([-1, 2]))) }));
});
`);
  const r = sh(process.execPath, ['cjs-consumer.cjs'], { cwd: app });
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.relu, [0, 2]);
  assert.equal(out.required, Boolean(process.features.require_module));
  assert.doesNotMatch(r.stderr, /Error/);
});

const TS_CONSUMER = `
import { loadLab, runTrainingExperiment, SATURATION, GCN_EXPERIMENT, runGcnExperiment } from 'activation-lab';
import type { Lab, Network, Report, CompactReport, UnitStats, LayerReport, NetworkConfig, Dataset, BornDeadResult, HeapBuffer,
  PreparedKernel, GcnModel, GcnReport, NamedGraph, GraphFourier, LessonDefinition, LessonResult, ActivationInfo } from 'activation-lab';
import { defineActivationLab } from 'activation-lab/element';
import type { ActivationLabElement, EmbedMessage, EmbedCommand, ProgressMessage } from 'activation-lab/element';

export async function useTheApi(): Promise<number> {
  const lab: Lab = await loadLab({ simd: true });
  const info: ActivationInfo | undefined = lab.activation('leaky_relu');
  const alpha: number | undefined = info?.params.alpha;
  const y: Float32Array = lab.forward('leaky_relu', new Float32Array([-1, 1]), { alpha: 0.1 });
  const input: HeapBuffer = lab.createBuffer(4);
  const output: HeapBuffer = lab.createBuffer(4);
  input.view().set([1, -2, 3, -4]);
  const k: PreparedKernel = lab.kernel('elu', { alpha: 1 });
  k.forwardInto(input, output);
  lab.derivativeInto('relu', input, output);
  input.delete(); output.delete();
  const config: NetworkConfig = { inputs: 2, hidden: [8, 8], activation: ['relu', 'tanh'], init: 'he', optimizer: 'adam' };
  const data: Dataset = lab.dataset('spiral', { n: 200, noise: 0.1 });
  const net: Network = lab.createNetwork(config);
  net.setData(data);
  const full: Report = net.train(10);
  const fast: CompactReport = net.train(10, { report: false });
  const first: LayerReport = full.layers[0];
  const dead: number = first.deadFraction + (first.alpha?.mean ?? 0);
  const grid: Float32Array = net.predictGrid(-1, 1, -1, 1, 20);
  const units: Float32Array = net.unitGrid(-1, 1, -1, 1, 8);
  const shares: UnitStats = net.unitStats();
  const state: Uint8Array = net.saveState();
  net.restoreState(state, { exact: true });
  const copy: Network = lab.loadNetwork(JSON.stringify(net.toJSON()));
  const sameStep: boolean = copy.step === net.step && net.layout[0].shape.length === 2;
  copy.delete(); net.delete();
  const born: BornDeadResult = lab.bornDead({ width: 2, depth: 10, init: 'rai' });
  const experiment = runTrainingExperiment(lab, SATURATION, { onProgress: (done: number, total: number) => void (done / total) });
  const karate: NamedGraph = lab.graph('karate');
  const model: GcnModel = lab.createGcn({ hidden: [16], activation: 'relu' });
  model.setGraph(karate, { labelled: [0, 33] });
  const gcn: GcnReport = model.train(50);
  const fourier: GraphFourier = lab.graphFourier(karate);
  const v: Float32Array = fourier.vector(1);
  model.delete();
  const gcnRun = runGcnExperiment(lab, GCN_EXPERIMENT, { steps: 20 });
  const lessons: readonly LessonDefinition[] = lab.lessons;
  const lesson: LessonResult | undefined = lessons.length ? lab.runLesson(lessons[0].id) : undefined;
  const claim: string = lesson?.claim ?? "";
  return y[0] + (alpha ?? 0) + fast.step + dead + grid.length + born.probability + (gcn.testAccuracy ?? 0) + v.length
    + experiment.variants[0].final.step + gcnRun.variants.length + Number(sameStep) + Number(lesson?.holds ?? false)
    + (lessons[0]?.title.zh.length ?? 0) + claim.length + units.length + shares.bins;
}

export function useTheElement(): void {
  defineActivationLab();
  const el: ActivationLabElement = document.createElement('activation-lab');
  el.setAttribute('experiment', 'dying-relu');
  el.addEventListener('alab-progress', (e) => {
    const message: ProgressMessage = e.detail;
    for (const [label, run] of Object.entries(message.runs)) console.log(label, run.deadFraction ?? 0, run.step);
  });
  el.start(); el.pause(); el.reset();
  const frame = document.querySelector('iframe');
  const command: EmbedCommand = { type: 'start', id: 1 };
  frame?.contentWindow?.postMessage(command, 'https://lab.example');
  window.addEventListener('message', (e: MessageEvent<EmbedMessage>) => {
    if (e.data.type === 'ack') console.log(e.data.command);
    else if (e.data.type === 'progress') console.log(e.data.step);
  });
}
`;

// Each line must be a type error (the declarations are not `any`).
const TS_WRONG = [
  "lab.createNetwork({ hidden: [2] });",                         // inputs is required
  "const l = net.train(5, { report: false }).layers;",           // a compact report has no layers
  "lab.forward('relu', [1, 2, 3]);",                             // Float32Array, not an array
  "const s: string = lab.simd;",                                 // boolean
  "lab.dataset('donut');",                                       // not a dataset name
  "document.createElement('activation-lab').start(1);",          // start() takes nothing
  "lab.runLesson('nonlinearity', { bogus: 1 });",                // a lesson takes only { preset }
];

test('TypeScript: tsc --noEmit --strict accepts a consumer of the whole API (Node and bundler resolution), and rejects wrong uses', () => {
  const tsconfig = (files, resolution = 'nodenext') => JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: []   /* a consumer's usual libs: the declarations bring Symbol.dispose themselves */, skipLibCheck: false,
      ...(resolution === 'nodenext' ? { module: 'nodenext', moduleResolution: 'nodenext' } : { module: 'esnext', moduleResolution: 'bundler' }) },
    files,
  });
  write('consumer.ts', TS_CONSUMER);
  for (const resolution of ['nodenext', 'bundler']) {
    write(`tsconfig.${resolution}.json`, tsconfig(['consumer.ts'], resolution));
    const ok = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: app, encoding: 'utf8' });
    assert.equal(ok.status, 0, `tsc (${resolution}):\n${ok.stdout}${ok.stderr}`);
  }
  const preamble = "import { loadLab } from 'activation-lab';\nimport 'activation-lab/element';\nconst lab = await loadLab();\nconst net = lab.createNetwork({ inputs: 2 });\n";
  write('wrong.ts', `${preamble}${TS_WRONG.join('\n')}\nexport {};\n`);
  write('tsconfig.wrong.json', tsconfig(['wrong.ts']));
  const bad = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], { cwd: app, encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  const offset = preamble.split('\n').length - 1;
  const lines = new Set([...bad.stdout.matchAll(/wrong\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1]) - offset));
  assert.deepEqual([...lines].sort((a, b) => a - b), TS_WRONG.map((_, i) => i + 1), `one error per wrong line:\n${bad.stdout}`);
});

/** Counts the non-transparent pixels of a canvas (in the page or in an element's shadow root). */
async function inkOf(page, selector, host) {
  return page.evaluate(([sel, hostSel]) => {
    const scope = hostSel ? document.querySelector(hostSel).shadowRoot : document;
    const canvas = scope.querySelector(sel);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink;
  }, [selector, host]);
}

/** Starts the element, waits for steps and for its chart to draw; returns the step reached. */
async function checkElementDraws(page, host) {
  await page.waitForFunction((h) => document.querySelector(h).shadowRoot?.querySelector('.alab-widget')?.dataset.reason === 'ready', host, { timeout: 30000 });
  await page.evaluate((h) => document.querySelector(h).start(), host);
  await page.waitForFunction((h) => Number(document.querySelector(h).shadowRoot.querySelector('.alab-widget').dataset.step) >= 200, host, { timeout: 60000 });
  await page.waitForFunction((h) => window.progressEvents?.[h] > 0, host, { timeout: 10000 });
  await page.evaluate((h) => document.querySelector(h).pause(), host);
  await page.waitForTimeout(300);
  const chartInk = await inkOf(page, '.alab-chart canvas', host);
  assert.ok(chartInk > 2000, `${host}: the chart drew (${chartInk} pixels)`);
  const boundaryInk = await inkOf(page, '.alab-boundaries canvas', host);
  assert.ok(boundaryInk > 5000, `${host}: a decision boundary drew (${boundaryInk} pixels)`);
}

const countProgress = (id) => `
  window.progressEvents ??= {};
  document.querySelector('${id}').addEventListener('alab-progress', () => { window.progressEvents['${id}'] = (window.progressEvents['${id}'] ?? 0) + 1; });`;

test('a Vite app imports the library and the element from the package; built, served from a sub-path, both draw in Chromium', async () => {
  write('vite-app/index.html', `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Vite consumer</title></head>
<body>
  <canvas id="curve" width="300" height="150"></canvas>
  <activation-lab id="lab" experiment="dying-relu" speed="max"></activation-lab>
  <script type="module" src="./main.js"></script>
</body></html>`);
  write('vite-app/main.js', `import { loadLab } from 'activation-lab';
import 'activation-lab/element';
${countProgress('#lab')}
const lab = await loadLab();
const x = Float32Array.from({ length: 300 }, (_, i) => -6 + (12 * i) / 299);
const y = lab.forward('tanh', x);
const ctx = document.getElementById('curve').getContext('2d');
ctx.strokeStyle = '#b91c1c';
ctx.lineWidth = 3;
ctx.beginPath();
y.forEach((v, i) => (i ? ctx.lineTo(i, 75 - 60 * v) : ctx.moveTo(i, 75 - 60 * v)));
ctx.stroke();
document.body.dataset.simd = String(lab.simd);
document.body.dataset.tanh = String(y[299]);
`);
  const outDir = path.join(app, 'site', 'deep', 'path');
  await build({ root: path.join(app, 'vite-app'), base: './', configFile: false, logLevel: 'warn',
    build: { target: 'es2022', outDir, emptyOutDir: true } });
  assert.ok(existsSync(path.join(outDir, 'index.html')));
  const server = await serveStatic({ dir: path.join(app, 'site') });
  const page = await openPage(browser.context, `${server.url}deep/path/index.html`);
  try {
    await page.waitForFunction(() => document.body.dataset.simd, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.body.dataset.simd), 'true');
    assert.ok(Math.abs(Number(await page.evaluate(() => document.body.dataset.tanh)) - Math.tanh(6)) < 1e-6);
    const curveInk = await inkOf(page, '#curve');
    assert.ok(curveInk > 600, `the tanh curve drew (${curveInk} pixels)`);
    await checkElementDraws(page, '#lab');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'consumer-vite.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});

test('a plain HTML page: <script type="module"> from node_modules and <activation-lab> draw in Chromium', async () => {
  write('plain/index.html', `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Plain page</title>
<script type="module" src="../node_modules/activation-lab/dist-lib/activation-lab.js"></script>
</head><body>
  <h1>Dying ReLU</h1>
  <activation-lab id="dying" experiment="dying-relu" speed="max" lang="zh-CN"></activation-lab>
  <activation-lab id="bogus" experiment="nonsense"></activation-lab>
  <script>${countProgress('#dying')}</script>
</body></html>`);
  const server = await serveStatic({ dir: app });
  const page = await openPage(browser.context, `${server.url}plain/index.html`);
  try {
    await page.waitForFunction(() => customElements.get('activation-lab'), null, { timeout: 30000 });
    await checkElementDraws(page, '#dying');
    assert.match(await page.evaluate(() => document.querySelector('#dying').shadowRoot.textContent), /[\u4e00-\u9fff]/, 'lang="zh-CN" shows Chinese');
    assert.ok(await page.evaluate(() => document.querySelector('#bogus').shadowRoot.querySelector('[role=alert]') !== null),
      'an unknown experiment shows a message, not a blank box');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'consumer-plain.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
    await server.close();
  }
});
