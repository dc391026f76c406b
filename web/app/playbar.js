// Play / Pause / Step / Reset / LR spike for a run controller, with the step
// counter and the measured training speed. data-running and data-step on the
// bar let tests and styles read the state.
import { el } from './dom.js';
import { t } from './i18n/i18n.js';

export class PlayBar {
  /** @param {{ onReset(), onSpike() }} actions */
  constructor(container, controller, { onReset, onSpike }) {
    this.container = container;
    this.controller = controller;
    this.play = el('button', { type: 'button', class: 'primary', dataset: { action: 'play' }, on: { click: () => (controller.running ? controller.pause() : controller.play()) } });
    this.stepButton = el('button', { type: 'button', dataset: { action: 'step' }, i18n: 'train.step', on: { click: () => controller.stepOnce(10) } }, t('train.step'));
    this.reset = el('button', { type: 'button', dataset: { action: 'reset' }, i18n: 'train.reset', on: { click: onReset } }, t('train.reset'));
    this.spike = el('button', { type: 'button', class: 'danger', dataset: { action: 'spike' }, i18n: 'train.spike', i18nAttr: 'title:train.spikeHint', title: t('train.spikeHint'), on: { click: onSpike } }, t('train.spike'));
    this.counter = el('span', { class: 'step-count', 'aria-live': 'off' });
    this.rate = el('span', { class: 'muted rate' });
    container.replaceChildren(this.play, this.stepButton, this.reset, this.spike, this.counter, this.rate);
    this.samples = [];
    this.render();
  }

  render() {
    const c = this.controller;
    this.play.textContent = t(c.running ? 'train.pause' : 'train.play');
    this.play.setAttribute('aria-pressed', String(c.running));
    this.play.disabled = !c.setupInfo || c.reason === 'finished';
    this.stepButton.disabled = !c.setupInfo || c.reason === 'finished';
    this.spike.disabled = !c.setupInfo || c.reason === 'finished';
    this.counter.textContent = t('train.stepCount', { step: c.step });
    this.container.dataset.running = String(c.running);
    this.container.dataset.step = String(c.step);
    this.container.dataset.reason = c.reason;
    // training speed over the last two seconds
    const now = performance.now();
    this.samples.push([now, c.step]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 2000) this.samples.shift();
    const [t0, s0] = this.samples[0];
    const rate = now - t0 > 300 && c.running ? Math.round(((c.step - s0) * 1000) / (now - t0)) : null;
    this.rate.textContent = rate === null ? '' : t('app.stepsPerSecond', { rate });
  }
}
