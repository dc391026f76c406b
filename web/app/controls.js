// Binds form controls to the settings store: every element with
// data-setting="key" shows state[key] and writes changes back through
// store.set() (which validates). Selects get their options from the settings
// table (or the activation catalogue with data-options="activation").
import { el } from './dom.js';
import { fmt } from './format.js';
import { allowed, settingFor } from './state.js';
import { t } from './i18n/i18n.js';
import { allowedText, shownValue } from './setting-text.js';

const CHOICES = {
  lr: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  l2: [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1],
  clip: [0, 0.5, 1, 2, 5, 10],
};
const LABEL_KEYS = { speed: (v) => `speed.${v}` };

/** Fills and binds every [data-setting] control under root; returns render(state). */
export function bindControls(root, store, { activations }) {
  const controls = [...root.querySelectorAll('[data-setting]')];
  for (const c of controls) {
    const key = c.dataset.setting;
    if (c.tagName === 'SELECT') fillSelect(c, key, activations, store.ctx);
    const event = c.type === 'range' ? 'input' : 'change';
    c.addEventListener(event, () => {
      const setting = settingFor(key);
      const raw = c.type === 'checkbox' ? c.checked : c.value;
      const value = setting.type === 'int' || setting.type === 'num' ? String(raw).trim() : raw;
      const { rejected } = store.set({ [key]: value });
      if (rejected.length) {
        c.setAttribute('aria-invalid', 'true');
        c.value = String(store.get()[key]);   // back to the last valid value
        // say why, next to the control: the value typed and what is allowed
        note(c).textContent = t('control.invalid', { value: shownValue(raw), allowed: allowedText(setting, store.ctx), kept: c.value });
        note(c).hidden = false;
      } else {
        c.removeAttribute('aria-invalid');
        if (c.fieldNote) c.fieldNote.hidden = true;
      }
    });
  }
  return function render(state) {
    for (const c of controls) {
      const v = state[c.dataset.setting];
      if (c.tagName === 'SELECT' && c.dataset.free && ![...c.options].some((o) => o.value === String(v))) {
        c.append(el('option', { value: String(v) }, fmt(v, 6)));
      }
      if (document.activeElement !== c || c.tagName === 'SELECT') c.value = String(v);
      const out = c.nextElementSibling;
      if (out?.tagName === 'OUTPUT') out.textContent = fmt(v);
    }
    for (const node of root.querySelectorAll('[data-only-dataset]')) node.hidden = node.dataset.onlyDataset !== state.dataset;
  };
}

// The message element of a control (made once, after it, inside its label).
function note(control) {
  if (!control.fieldNote) {
    control.fieldNote = el('span', { class: 'field-error', role: 'alert', hidden: true });
    control.fieldNote.id = `${control.dataset.setting}-error`;
    control.setAttribute('aria-describedby', control.fieldNote.id);
    (control.closest('label') ?? control.parentElement).append(control.fieldNote);
  }
  return control.fieldNote;
}

function fillSelect(select, key, activations, ctx) {
  const setting = settingFor(key);
  let values;
  let labels = (v) => String(v);
  if (select.dataset.options === 'activation' || setting.values === 'activation') {
    values = activations.map((a) => a.name);
    const byName = new Map(activations.map((a) => [a.name, a.label]));
    labels = (v) => byName.get(v);
  } else if (CHOICES[key]) values = CHOICES[key];
  else values = allowed(setting, ctx).filter((v) => v !== '');
  const keyFn = LABEL_KEYS[key];
  select.replaceChildren(...values.map((v) => {
    const option = el('option', { value: String(v) }, keyFn ? t(keyFn(v)) : labels(v));
    if (keyFn) option.dataset.i18n = keyFn(v);
    return option;
  }));
}

/** The network builder: add/remove layers, units per layer, optional activation per layer. */
export function bindLayerBuilder(box, perLayerBox, store, { activations, maxLayers, maxUnits }) {
  const setHidden = (hidden, acts) => store.set(acts ? { hidden, acts } : { hidden, acts: store.get().acts.length ? store.get().acts.slice(0, hidden.length) : [] });
  perLayerBox.addEventListener('change', () => {
    const s = store.get();
    store.set({ acts: perLayerBox.checked ? s.hidden.map(() => s.act) : [] });
  });
  return function render(state) {
    perLayerBox.checked = state.acts.length > 0;
    const focused = document.activeElement?.dataset?.builder;
    const rows = state.hidden.map((units, i) => {
      const n = i + 1;
      const unitsInput = el('input', { type: 'number', min: 1, max: maxUnits, value: units, 'aria-label': t('train.units', { i: n }), dataset: { builder: `units${i}` },
        on: { change: (e) => { const h = [...store.get().hidden]; h[i] = Number(e.target.value); if (!store.set({ hidden: h }).changed.length) e.target.value = String(store.get().hidden[i]); } } });
      const minus = el('button', { type: 'button', class: 'small', 'aria-label': t('train.fewerUnits', { i: n }), disabled: units <= 1, dataset: { builder: `minus${i}` },
        on: { click: () => { const h = [...store.get().hidden]; h[i] = Math.max(1, h[i] - 1); setHidden(h); } } }, '−');
      const plus = el('button', { type: 'button', class: 'small', 'aria-label': t('train.moreUnits', { i: n }), disabled: units >= maxUnits, dataset: { builder: `plus${i}` },
        on: { click: () => { const h = [...store.get().hidden]; h[i] = Math.min(maxUnits, h[i] + 1); setHidden(h); } } }, '+');
      const row = el('div', { class: 'layer-row' }, el('span', { class: 'layer-name' }, t('chart.layer', { i: n })), minus, unitsInput, plus);
      if (state.acts.length) {
        const sel = el('select', { 'aria-label': t('train.layerActivation', { i: n }), dataset: { builder: `act${i}` },
          on: { change: (e) => { const a = [...store.get().acts]; a[i] = e.target.value; store.set({ acts: a }); } } },
        ...activations.map((a) => el('option', { value: a.name }, a.label)));
        sel.value = state.acts[i];
        row.append(sel);
      }
      return row;
    });
    const add = el('button', { type: 'button', dataset: { builder: 'add' }, disabled: state.hidden.length >= maxLayers,
      on: { click: () => { const s = store.get(); const h = [...s.hidden, s.hidden.at(-1) ?? 4]; setHidden(h, s.acts.length ? [...s.acts, s.act] : null); } } }, t('train.addLayer'));
    const remove = el('button', { type: 'button', dataset: { builder: 'remove' }, disabled: state.hidden.length === 0,
      on: { click: () => { const s = store.get(); setHidden(s.hidden.slice(0, -1), s.acts.length ? s.acts.slice(0, -1) : null); } } }, t('train.removeLayer'));
    box.replaceChildren(el('div', { class: 'builder-head' }, el('span', {}, t('train.layers')), remove, add), ...rows);
    if (focused) box.querySelector(`[data-builder="${focused}"]`)?.focus();
  };
}
