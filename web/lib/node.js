// Node entry point: the Emscripten module is built for web and worker (its
// Node mode does not work as an ES module in Emscripten 3.1.6), so Node reads
// the .wasm bytes itself and hands them over.
import { readFile } from 'node:fs/promises';

import { Lab } from './lab.js';
import { readLoadOptions } from './load-options.js';

export { Lab };
export { Network } from './network.js';
export { LESSONS, LESSON_IDS, SATURATION_LESSON, lessonDefinition, runLesson, runLessons } from './lessons.js';
export { BORN_DEAD, DYING_RELU, EXPERIMENTS, SATURATION, runBornDead, runTrainingExperiment } from './experiments.js';
export { GcnModel } from './graph.js';
export { GCN_EXPERIMENT, runGcnExperiment } from './graph-experiment.js';

/**
 * Loads the WebAssembly module from disk and returns a Lab.
 * @param {{ simd?: boolean }} [options] simd: false loads the build without WebAssembly SIMD
 */
export async function loadLab(options) {
  const { simd } = readLoadOptions(options);
  const name = simd ? 'activation_lab' : 'activation_lab_scalar';
  const url = new URL(`./wasm/${name}.wasm`, import.meta.url);
  let wasmBinary;
  try {
    wasmBinary = await readFile(url);
  } catch (error) {
    throw new Error(`cannot read ${url.pathname}: in a checkout, build it with npm run build:wasm; an installed package carries it, so reinstall activation-lab`, { cause: error });
  }
  // A cut or damaged file: said here in one line (a few ms for 0.5 MB), rather
  // than by Emscripten's abort, which prints two lines of its own first.
  if (!WebAssembly.validate(wasmBinary)) {
    throw new Error(`${url.pathname} is not a valid WebAssembly module (truncated or damaged); reinstall activation-lab`);
  }
  const { default: factory } = simd
    ? await import('./wasm/activation_lab.mjs')
    : await import('./wasm/activation_lab_scalar.mjs');
  return new Lab(await factory({ wasmBinary }));
}
