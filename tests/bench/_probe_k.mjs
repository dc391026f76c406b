import { loadLab } from 'activation-lab';
import { loadTf, tfActivation } from './tfjs.mjs';
import { benchInput } from './kernels.mjs';
const lab = await loadLab();
const tfjs = await loadTf(); tfjs.tf.enableProdMode();
const names = process.argv[2].split(',');
const n = Number(process.argv[3] ?? (1 << 20));
const x = benchInput(n);
const a = lab.createBuffer(n), b = lab.createBuffer(n); a.view().set(x);
const tx = tfjs.tf.tensor1d(x);
const dst = new Float32Array(n);
const best = {};
const time = (k, fn, reps) => { const t0 = process.hrtime.bigint(); for (let i = 0; i < reps; i++) fn(); const ns = Number(process.hrtime.bigint() - t0) / reps / n; best[k] = Math.min(best[k] ?? 1e9, ns); };
const reps = Math.max(3, Math.round(2e6 / n));
for (let r = 0; r < 25; r++) {
  time('copy', () => dst.set(x), reps);
  for (const name of names) {
    const k = lab.kernel(name);
    time(`${name}/ours`, () => k.forwardInto(a, b), reps);
    const tf = tfActivation(tfjs, name, { alpha: name === 'prelu' ? 0.25 : name === 'elu' ? 1 : 0.01 });
    if (tf) time(`${name}/tf`, () => { const y = tfjs.tf.tidy(() => tf.fn(tx)); y.dispose(); }, reps);
  }
}
for (const name of names) console.log(name, 'ours', best[`${name}/ours`].toFixed(3), 'tf', best[`${name}/tf`]?.toFixed(3), 'tf/ours', (best[`${name}/tf`] / best[`${name}/ours`]).toFixed(2), 'ours/copy', (best[`${name}/ours`] / best.copy).toFixed(2));
console.log('copy', best.copy.toFixed(4));
