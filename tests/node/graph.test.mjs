// Graph convolution through the JS library: named graphs, validation with
// named errors, GCN training on the karate club, the graph Fourier basis and
// spectral filters, the gcn command-line experiment, and bit identity with
// the native build (hashes printed by tests/native/graph_model_test.cpp).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { fnv1a64, getLab } from './helpers/lab.mjs';

const throwsLike = (fn, type, pattern) =>
  assert.throws(fn, (e) => e instanceof type && pattern.test(e.message), `expected ${type.name} ${pattern}`);

test('lab.graph("karate") is Zachary\'s club and equals data/karate.json', async () => {
  const lab = await getLab();
  const k = lab.graph('karate');
  assert.equal(k.nodes, 34);
  assert.equal(k.edges.length, 2 * 78);
  assert.deepEqual(k.classNames, ['Mr. Hi', 'Officer']);
  assert.equal(k.classNames[k.labels[0]], 'Mr. Hi');
  assert.equal(k.classNames[k.labels[33]], 'Officer');
  const file = JSON.parse(readFileSync(new URL('../../data/karate.json', import.meta.url), 'utf8'));
  assert.deepEqual(Array.from(k.edges), file.edges.flat());
  assert.deepEqual(Array.from(k.labels), file.labels);
  assert.match(file.comment, /Zachary.*1977/);
});

test('generated graphs have their shapes and are reproducible', async () => {
  const lab = await getLab();
  assert.equal(lab.graph('ring', { n: 10 }).edges.length, 20);
  assert.equal(lab.graph('grid', { rows: 3, cols: 4 }).edges.length, 2 * 17);
  const a = lab.graph('two_communities', { n: 30, pIn: 0.4, pOut: 0.05, seed: 9 });
  const b = lab.graph('two_communities', { n: 30, pIn: 0.4, pOut: 0.05, seed: 9 });
  assert.deepEqual(a.edges, b.edges);
  assert.equal(a.labels.length, 30);
});

test('graph calls validate with named errors, and the lab keeps working', async () => {
  const lab = await getLab();
  const k = lab.graph('karate');
  const cases = [
    [() => lab.graph('kite'), RangeError, /name must be one of karate, two_communities, ring, grid; got "kite"/],
    [() => lab.graph(3), TypeError, /name must be a graph name/],
    [() => lab.graph('ring', { n: 2 }), RangeError, /options.n must be an integer in \[3, 5000\]; got 2/],
    [() => lab.graph('karate', { n: 3 }), RangeError, /unknown field "n"/],
    [() => lab.createGcn({ hidden: [0] }), RangeError, /hidden\[0\] must be an integer in \[1, 1024\]; got 0/],
    [() => lab.createGcn({ activation: 'relux' }), RangeError, /activation must be one of identity, .*got "relux"/],
    [() => lab.createGcn({ layer: 'gat' }), RangeError, /layer must be one of gcn, chebyshev; got "gat"/],
    [() => lab.createGcn({ order: 11, layer: 'chebyshev' }), RangeError, /order must be an integer in \[1, 10\]/],
    [() => lab.createGcn({ learningRate: NaN }), RangeError, /learningRate .*got NaN/],
    [() => lab.createGcn({ weightdecay: 0.1 }), RangeError, /unknown field "weightdecay" in config; allowed: layer, order/],
    [() => lab.graphFourier({ nodes: 3, edges: [[0, 1], [1, 3]] }), RangeError, /graph.edges\[1\]\[1\] must be a node index in \[0, 2\]; got 3/],
    [() => lab.graphFourier({ nodes: 3, edges: [[1, 1]] }), RangeError, /no self-loops/],
    [() => lab.graphFourier({ nodes: 3, edges: [[0, 1.5]] }), TypeError, /graph.edges\[1\] must be an integer; got 1.5/],
    [() => lab.graphFourier({ nodes: 401, edges: [] }), RangeError, /at most 400/],
    [() => lab.graphFilter(k, new Float32Array(3)), RangeError, /signal.length must be graph.nodes \(34\); got 3/],
    [() => lab.graphFilter(k, new Float32Array(34), { kind: 'chebyshev' }), TypeError, /options.coefficients must be an array/],
    [() => lab.graphFilter(k, new Float32Array(34), { kind: 'band' }), RangeError, /options.kind must be one of heat, low_pass, chebyshev, heat_chebyshev/],
  ];
  for (const [fn, type, pattern] of cases) throwsLike(fn, type, pattern);

  const m = lab.createGcn();
  throwsLike(() => m.train(1), RangeError, /train needs a graph first/);
  throwsLike(() => m.setGraph(k), TypeError, /options must be a plain object/);
  throwsLike(() => m.setGraph(k, { labelled: [] }), RangeError, /at least one node/);
  throwsLike(() => m.setGraph(k, { labelled: [0, 99] }), RangeError, /options.labelled\[1\] must be a node index in \[0, 33\]; got 99/);
  throwsLike(() => m.setGraph(k, { labelled: [0, 0] }), RangeError, /listed once/);
  throwsLike(() => m.setGraph({ ...k, labels: new Int32Array(34).fill(5) }, { labelled: [0] }), RangeError, /graph.labels\[0\] must be a class in \[0, 1\]/);
  throwsLike(() => m.setGraph({ ...k, features: new Float32Array(5), featureCount: 2 }, { labelled: [0] }), RangeError, /graph.features.length must be nodes × featureCount = 68; got 5/);
  m.setGraph(k, { labelled: [0, 33] });
  throwsLike(() => m.train(-1), RangeError, /steps must be an integer/);
  throwsLike(() => m.hiddenOutput(1), RangeError, /layer must be an integer in \[0, 0\]/);
  assert.equal(m.train(1).step, 1);
  m.delete();
  throwsLike(() => m.train(1), Error, /deleted/);
});

test('a 2-layer GCN learns the karate split from one labelled member per faction', async () => {
  const lab = await getLab();
  const k = lab.graph('karate');
  const m = lab.createGcn({ hidden: [16], activation: 'relu', optimizer: 'adam', learningRate: 0.01, seed: 1 });
  m.setGraph(k, { labelled: [0, 33] });
  const first = m.evaluate();
  const r = m.train(200);
  assert.ok(r.loss < first.loss / 10, `loss ${first.loss} -> ${r.loss}`);
  assert.equal(r.trainAccuracy, 1);
  assert.ok(r.testAccuracy >= 0.9, `unlabelled accuracy ${r.testAccuracy}`);
  assert.equal(r.layers.length, 1);
  for (const key of ['preMean', 'preStd', 'actMean', 'actStd', 'saturatedFraction', 'inactiveFraction', 'deadFraction', 'meanAbsDerivative', 'gradNorm']) {
    assert.ok(Number.isFinite(r.layers[0][key]), key);
  }
  assert.equal(r.layers[0].histogram.counts.length, 30);
  const pred = m.predictions();
  assert.equal(pred[0], 0);
  assert.equal(pred[33], 1);
  const p = m.predict();
  assert.equal(p.length, 68);
  assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-6);
  const e = m.embedding();
  assert.equal(e.length, 68);
  assert.ok(e.every(Number.isFinite));
  assert.equal(m.layout[0].name, 'layer0.weight');
  assert.deepEqual(m.layout[0].shape, [16, 34]);
  assert.equal(m.config.activation[0], 'relu');
  m.reset();
  assert.equal(m.step, 0);
  assert.deepEqual(m.evaluate(), first);
  m.delete();
});

test('native and WebAssembly agree bit for bit (a fresh native run)', async () => {
  const lab = await getLab();
  const k = lab.graph('karate');
  const binary = new URL('../../build/native/alab_tests', import.meta.url);
  assert.ok(existsSync(binary), 'npm test builds build/native/alab_tests first');
  const printed = execFileSync(binary.pathname, ['--gtest_filter=GraphTrainer.KarateRunIsDeterministicAndPrintsItsBits']).toString();
  const expected = Object.fromEntries([...printed.matchAll(/^graph-bits (\w+) ([0-9a-f]{16})$/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual(Object.keys(expected).sort(), ['chebyshev', 'gcn']);
  for (const layer of ['gcn', 'chebyshev']) {
    const m = lab.createGcn({ layer, hidden: [8, 4], activation: ['gelu', 'rrelu'], seed: 1 });
    m.setGraph(k, { labelled: [0, 33] });
    m.train(40, { report: false });
    const parts = [m.getWeights(), m.embedding(), m.predict()];
    const all = new Float32Array(parts.reduce((s, a) => s + a.length, 0));
    let at = 0;
    for (const a of parts) { all.set(a, at); at += a.length; }
    assert.equal(fnv1a64(all), expected[layer], layer);
    m.delete();
  }
});

test('the graph Fourier basis is orthonormal and sorted; filters behave', async () => {
  const lab = await getLab();
  const k = lab.graph('karate');
  const f = lab.graphFourier(k);
  assert.equal(f.eigenvalues.length, 34);
  assert.ok(Math.abs(f.eigenvalues[0]) < 1e-6);
  for (let i = 1; i < 34; i++) assert.ok(f.eigenvalues[i] >= f.eigenvalues[i - 1]);
  assert.ok(f.eigenvalues[33] <= 2 + 1e-6);
  const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
  assert.ok(Math.abs(dot(f.vector(1), f.vector(1)) - 1) < 1e-5);
  assert.ok(Math.abs(dot(f.vector(1), f.vector(2))) < 1e-5);
  // The Fiedler vector splits the club roughly along the factions.
  const fiedler = f.vector(1);
  const agree = Array.from(k.labels).filter((l, i) => (fiedler[i] > 0) === (fiedler[0] > 0) ? l === 0 : l === 1).length;
  assert.ok(agree >= 30, `Fiedler sign agrees with the faction for ${agree}/34`);
  const comb = lab.graphFourier(k, { laplacian: 'combinatorial' });
  assert.ok(comb.eigenvalues[33] > 2);

  const signal = new Float32Array(34);
  signal[0] = 1;
  signal[33] = -1;
  const heat = lab.graphFilter(k, signal, { kind: 'heat', t: 2 });
  assert.ok(Math.abs(heat.response[0] - 1) < 1e-6);
  for (let i = 1; i < 34; i++) assert.ok(heat.response[i] <= heat.response[i - 1] + 1e-7);
  const approx = lab.graphFilter(k, signal, { kind: 'heat_chebyshev', t: 2, order: 12 });
  for (let i = 0; i < 34; i++) assert.ok(Math.abs(approx.output[i] - heat.output[i]) < 1e-4);
  const identity = lab.graphFilter(k, signal, { kind: 'chebyshev', coefficients: [1] });
  assert.deepEqual(Array.from(identity.output), Array.from(signal));
  const low = lab.graphFilter(k, signal, { kind: 'low_pass', keep: 2 });
  assert.deepEqual(Array.from(low.response.slice(0, 3)), [1, 1, 0]);
});

test('the gcn command-line experiment prints a table and JSON', async () => {
  const { main } = await import('../../bin/activation-lab.js');
  const capture = () => { const chunks = []; return { write: (s) => chunks.push(s), text: () => chunks.join('') }; };
  const out = capture();
  assert.equal(await main(['gcn', '--steps', '40'], out), 0);
  assert.match(out.text(), /^gcn: karate, labelled nodes 0, 33, gcn layers \[16,16\]/);
  for (const act of ['identity', 'tanh', 'sigmoid', 'relu', 'leaky_relu']) assert.match(out.text(), new RegExp(`^${act}: accuracy on the 32 unlabelled members`, 'm'));
  const json = capture();
  await main(['gcn', '--steps', '20', '--json', '--config', '{"layer":"chebyshev","hidden":[8]}'], json);
  const result = JSON.parse(json.text());
  assert.equal(result.variants.length, 5);
  assert.equal(result.variants[0].config.layer, 'chebyshev');
  assert.equal(result.variants[0].final.step, 20);
  assert.equal(result.variants[0].predictions.length, 34);
  await assert.rejects(main(['gcn', '--config', '{"layer":"gat"}'], capture()), /layer must be one of gcn, chebyshev/);
});
