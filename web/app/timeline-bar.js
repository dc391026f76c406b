// The timeline under the charts: drag to any step of the original run and
// the page shows the network as it was (the worker rebuilds it exactly from
// its checkpoints); "Continue from here" forks the run with a changed
// learning rate, spike learning rate, a layer's activation, the data noise or
// an LR spike at once. Forwards input to the run controller; draws nothing else.
import { el } from './dom.js';
import { t } from './i18n/i18n.js';

export class TimelineBar {
  constructor(container, controller, { activations }) {
    this.controller = controller;
    this.activations = activations;
    this.range = el('input', { type: 'range', id: 'timeline-range', min: '0', max: '0', step: '1', value: '0', i18nAttr: 'aria-label:timeline.label', 'aria-label': t('timeline.label') });
    this.out = el('output', { id: 'timeline-step', for: 'timeline-range' });
    this.live = el('button', { type: 'button', id: 'timeline-live', i18n: 'timeline.live' }, t('timeline.live'));
    this.forkOpen = el('button', { type: 'button', id: 'timeline-fork', i18n: 'timeline.fork', 'aria-expanded': 'false', 'aria-controls': 'fork-form' }, t('timeline.fork'));
    this.status = el('p', { class: 'timeline-status muted', 'aria-live': 'polite' });
    const field = (key, input) => el('label', {}, el('span', { i18n: key }, t(key)), input);
    this.lr = el('input', { type: 'number', id: 'fork-lr', min: '0', max: '100', step: 'any' });
    this.spikeLr = el('input', { type: 'number', id: 'fork-spike-lr', min: '0', max: '100', step: 'any' });
    this.layer = el('select', { id: 'fork-layer' });
    this.act = el('select', { id: 'fork-act' });
    this.noise = el('input', { type: 'number', id: 'fork-noise', min: '0', max: '0.5', step: '0.01' });
    this.spikeNow = el('input', { type: 'checkbox', id: 'fork-spike-now' });
    this.form = el('form', { id: 'fork-form', class: 'fork-form', hidden: true },
      field('timeline.forkLr', this.lr), field('timeline.forkSpikeLr', this.spikeLr),
      field('timeline.forkLayer', this.layer), field('timeline.forkAct', this.act), field('timeline.forkNoise', this.noise),
      el('label', { class: 'check' }, this.spikeNow, el('span', { i18n: 'timeline.forkSpikeNow' }, t('timeline.forkSpikeNow'))),
      el('button', { type: 'submit', id: 'fork-start', i18n: 'timeline.forkStart' }, t('timeline.forkStart')));
    container.append(el('div', { class: 'timeline-row' }, el('label', { class: 'timeline-label', for: 'timeline-range', i18n: 'timeline.label' }, t('timeline.label')),
      this.range, this.out, this.live, this.forkOpen), this.status, this.form);
    this.range.addEventListener('input', () => controller.seek(Number(this.range.value)));
    this.live.addEventListener('click', () => controller.unseek());
    this.forkOpen.addEventListener('click', () => {
      this.form.hidden = !this.form.hidden;
      this.forkOpen.setAttribute('aria-expanded', String(!this.form.hidden));
      if (!this.form.hidden) this.#fill();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.form.hidden = true;
      this.forkOpen.setAttribute('aria-expanded', 'false');
      controller.fork(this.#step(), this.#changes());
    });
  }

  #step() {
    return this.controller.seekState?.step ?? this.controller.originalEnd();
  }

  // Defaults: the original's settings at the fork step.
  #fill() {
    const c = this.controller;
    const s = c.setup;
    const report = c.seekState?.reports?.main ?? c.last('main');
    this.lr.value = String(s?.stateForConfig.lr ?? report?.learningRate ?? 0.03);
    this.spikeLr.value = String(s?.schedule.manualSpike.lr ?? 1);
    this.noise.value = String(s?.data.noise ?? 0);
    const config = c.setupInfo?.configs.main;
    const acts = config ? (Array.isArray(config.activation) ? config.activation : config.hidden.map(() => config.activation)) : [];
    this.layer.replaceChildren(el('option', { value: '' }, t('timeline.forkKeep')),
      ...acts.map((a, l) => el('option', { value: String(l) }, `${t('chart.layer', { i: l + 1 })} · ${a}`)));
    this.act.replaceChildren(...this.activations.map((a) => el('option', { value: a.name }, a.name)));
    this.spikeNow.checked = false;
  }

  #changes() {
    const c = this.controller.setup;
    const changes = {};
    const num = (input) => (input.value === '' ? undefined : Number(input.value));
    const lr = num(this.lr), spikeLr = num(this.spikeLr), noise = num(this.noise);
    if (lr !== undefined && lr !== c?.stateForConfig.lr) changes.lr = lr;
    if (spikeLr !== undefined && spikeLr !== c?.schedule.manualSpike.lr) changes.spikeLr = spikeLr;
    if (noise !== undefined && noise !== c?.data.noise) changes.noise = noise;
    if (this.layer.value !== '') { changes.layer = Number(this.layer.value); changes.activation = this.act.value; }
    if (this.spikeNow.checked) changes.spikeNow = true;
    return changes;
  }

  render() {
    const c = this.controller;
    const end = c.originalEnd();
    this.range.max = String(end);
    const at = c.seekState ? c.seekState.step : end;
    if (document.activeElement !== this.range) this.range.value = String(at);
    this.out.textContent = t('timeline.step', { step: at });
    this.live.disabled = !c.seekState;
    const f = c.forkInfo;
    const cp = c.seekState?.checkpoints;
    this.status.textContent = [
      c.seekState ? t('timeline.showing', { step: c.seekState.step }) : '',
      f ? t('timeline.forked', { step: f.step, what: describeChanges(f.changes) }) : '',
      cp ? t('timeline.budget', { count: cp.count, every: cp.every, kb: Math.round(cp.bytes / 1024), budget: Math.round(cp.budget / 1048576) }) : '',
    ].filter(Boolean).join(' · ');
  }
}

function describeChanges(c = {}) {
  const parts = [];
  if (c.lr !== undefined) parts.push(`lr ${c.lr}`);
  if (c.spikeLr !== undefined) parts.push(`spike lr ${c.spikeLr}`);
  if (c.activation !== undefined) parts.push(`L${c.layer + 1} ${c.activation}`);
  if (c.noise !== undefined) parts.push(`noise ${c.noise}`);
  if (c.spikeNow) parts.push('LR spike');
  return parts.join(', ') || '—';
}
