// Browser and Web Worker entry point: the bundler (Vite) rewrites the
// module's `new URL('*.wasm', import.meta.url)` so the .wasm ships with the page.
import { Lab } from './lab.js';
import { readLoadOptions } from './load-options.js';
// Static, so that the bundler fetches the module's glue with the page (or
// the worker) instead of after it: the .wasm itself is fetched by factory().
import createSimdModule from './wasm/activation_lab.mjs';

export { Lab };
export { Network } from './network.js';
export { LESSONS, LESSON_IDS, SATURATION_LESSON, lessonDefinition, runLesson, runLessons } from './lessons.js';
export { BORN_DEAD, DYING_RELU, EXPERIMENTS, SATURATION, runBornDead, runTrainingExperiment } from './experiments.js';
export { GcnModel } from './graph.js';
export { GCN_EXPERIMENT, runGcnExperiment } from './graph-experiment.js';

/**
 * Loads the WebAssembly module and returns a Lab.
 * @param {{ simd?: boolean }} [options] simd: false loads the build without WebAssembly SIMD
 */
export async function loadLab(options) {
  const { simd } = readLoadOptions(options);
  const factory = simd ? createSimdModule : (await import('./wasm/activation_lab_scalar.mjs')).default;
  return new Lab(await factory());
}
