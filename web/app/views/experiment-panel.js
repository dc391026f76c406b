// The explanation beside the charts while a guided experiment is on: what to
// watch, why it happens, and one-click variants from the same seed.
import { el } from '../dom.js';
import { t } from '../i18n/i18n.js';

/**
 * Renders `experiment` (from experiments.js) into box, or hides box when null.
 * onVariant(settings) applies a variant; onCompare() opens the side-by-side run.
 * showActive: mark the variant the state runs (false where several run at once).
 */
export function renderExperimentPanel(box, experiment, state, { onVariant, onCompare, onClose, showActive = true }) {
  if (!experiment) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.dataset.experiment = experiment.id;
  const vars = { at: state.spikeAt, lr: state.spikeLr, steps: state.spikeSteps };
  const variants = experiment.variants.map((v) => {
    const active = showActive && Object.entries(v.settings).every(([k, val]) => state[k] === val);
    return el('button', { type: 'button', class: active ? 'variant active' : 'variant', 'aria-pressed': String(active), dataset: { variant: v.labelKey },
      on: { click: () => onVariant(v.settings) } }, v.labelKey);
  });
  if (experiment.compare && onCompare) {
    variants.push(el('button', { type: 'button', class: 'variant compare', dataset: { variant: 'compare' }, on: { click: onCompare } }, t('guide.sideBySide')));
  }
  box.replaceChildren(
    el('div', { class: 'explain-head' }, el('h3', {}, t(experiment.titleKey)),
      el('button', { type: 'button', class: 'close', 'aria-label': t('guide.close'), on: { click: onClose } }, '×')),
    ...experiment.paragraphs.map((k) => el('p', {}, t(k, vars))),
    el('p', { class: 'try' }, t('guide.tryNext')),
    el('div', { class: 'variants' }, ...variants));
}
