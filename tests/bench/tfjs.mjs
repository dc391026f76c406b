// TensorFlow.js 4.22 as the peer a user would pick instead: the wasm backend
// (XNNPACK inside; SIMD, single-threaded in Node) and the pure-JS cpu backend.
// Everything loads from node_modules; nothing is downloaded.
import { createRequire } from 'node:module';

let tfPromise;

/**
 * Loads tfjs-core with the wasm and cpu backends and tfjs-layers, or returns
 * null when they are not installed (the benchmark then skips TF.js).
 * @returns {Promise<null | { tf, tfl, version, wasmSimd: boolean, wasmThreads: boolean, use(backend) }>}
 */
export function loadTf() {
  tfPromise ??= (async () => {
    let tf, tfl;
    try {
      tf = await import('@tensorflow/tfjs-core');
      await import('@tensorflow/tfjs-backend-cpu');
      await import('@tensorflow/tfjs-backend-wasm');
      tfl = await import('@tensorflow/tfjs-layers');
    } catch (error) {
      if (error.code === 'ERR_MODULE_NOT_FOUND') return null;
      throw error;
    }
    tf.env().set('IS_TEST', false);
    await tf.setBackend('wasm');
    await tf.ready();
    const version = createRequire(import.meta.url)('@tensorflow/tfjs-core/package.json').version;
    return {
      tf,
      tfl,
      version,
      wasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
      wasmThreads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
      async use(backend) {
        if (tf.getBackend() !== backend) await tf.setBackend(backend);
      },
    };
  })();
  return tfPromise;
}

/**
 * The TF.js function for one of our activations, (x: Tensor) => Tensor, or
 * undefined when TF.js has no equivalent. `composite` marks the ones TF.js
 * builds from several ops (tfjs-layers' activations: swish, gelu, mish,
 * softsign); the rest are one kernel. Parameters are the registry defaults.
 */
export function tfActivation({ tf, tfl }, name, params) {
  const layer = (activation) => {
    const l = tfl.layers.activation({ activation });
    return { fn: (x) => l.apply(x), composite: true };
  };
  switch (name) {
    case 'sigmoid': return { fn: (x) => tf.sigmoid(x), composite: false };
    case 'tanh': return { fn: (x) => tf.tanh(x), composite: false };
    case 'relu': return { fn: (x) => tf.relu(x), composite: false };
    case 'leaky_relu': return { fn: (x) => tf.leakyRelu(x, params.alpha), composite: false };
    case 'prelu': {
      // One alpha tensor per backend, created on first use and kept (tf.keep:
      // the first use is inside the benchmark's tf.tidy) for the whole run.
      const alpha = new Map();
      const alphaFor = (backend) => alpha.get(backend) ?? alpha.set(backend, tf.keep(tf.scalar(params.alpha))).get(backend);
      return { fn: (x) => tf.prelu(x, alphaFor(tf.getBackend())), composite: false };
    }
    case 'elu': return params.alpha === 1 ? { fn: (x) => tf.elu(x), composite: false } : undefined;
    case 'selu': return { fn: (x) => tf.selu(x), composite: false };
    case 'softplus': return { fn: (x) => tf.softplus(x), composite: false };
    case 'silu': return layer('swish');
    case 'gelu': return layer('gelu');
    case 'mish': return layer('mish');
    case 'softsign': return layer('softsign');
    default: return undefined;  // identity (a no-op in TF.js), rrelu (not in TF.js)
  }
}
