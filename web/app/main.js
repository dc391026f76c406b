// Page entry: loads the library and hands it to the views.
import { loadLab } from '../lib/browser.js';
import { drawActivationCard } from './explorer.js';

const status = document.getElementById('status');

try {
  const lab = await loadLab();
  const explorer = document.getElementById('explorer');
  for (const a of lab.activations) drawActivationCard(explorer, lab, a);
  status.textContent = `WebAssembly module loaded (${lab.simd ? 'SIMD' : 'no SIMD'}), ${lab.activations.length} activations.`;
  document.body.dataset.simd = String(lab.simd);
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `Could not load the lab: ${error.message}`;
  document.body.dataset.ready = 'error';
  throw error;
}
