// The Lessons view: the seed's claims, one at a time. Each lesson shows its
// claim quoted from the seed in Chinese and in English, what its chart shows,
// a verdict card with the measured numbers, the chart, and "run it yourself",
// which loads the lesson's preset into the trainer, compare or explorer view.
// The lesson runs in its own worker (worker/lesson-worker.js) from its seed:
// the numbers are the ones the tests assert (tests/node/lessons.test.mjs).
import { LESSONS } from '../../lib/lessons.js';
import { el } from '../dom.js';
import { fixed } from '../format.js';
import { getLanguage, t } from '../i18n/i18n.js';
import { renderLessonChart } from '../charts/lesson-chart.js';
import { EXPERIMENTS } from '../experiments.js';
import { MAX_COMPARE } from '../state.js';
import { settingsOfNetwork } from '../run-setup.js';

const lang = () => (getLanguage() === 'zh-CN' ? 'zh' : 'en');

/** Page settings that replay a lesson's preset (see LESSONS[i].preset). */
export function presetSettings(preset) {
  if (preset.view === 'explore') return { view: 'explore', fn: preset.fn };
  if (preset.experiment) {
    const e = EXPERIMENTS[preset.experiment];
    return { ...e.settings, view: 'compare', runs: e.compare };
  }
  const n = preset.network;
  const options = preset.datasetOptions ?? {};
  const first = preset.variants?.[0];
  const base = {
    exp: '', dataset: preset.dataset, n: options.n ?? 400, noise: options.noise ?? 0.1, trainShare: options.trainFraction ?? 0.5,
    size: options.size ?? 8, acts: [], act: n.activation ?? (typeof first === 'string' ? first : 'relu'),
    output: n.output ?? 'sigmoid', init: 'xavier', initGain: 1, biasInit: 0, opt: 'sgd', l2: 0, clip: 0,
    ...settingsOfNetwork(n), maxSteps: 0, spikeAt: 0,
  };
  if (preset.view === 'trainer') return { ...base, view: 'train' };
  const runs = preset.variants.slice(0, MAX_COMPARE).map((v) => (typeof v === 'string'
    ? { act: v, init: base.init } : { act: base.act, init: v.init ?? base.init }));
  return { ...base, view: 'compare', runs };
}

export class LessonsView {
  /** onRunPreset(patch) applies page settings and starts training them. */
  constructor(root, { store, onRunPreset, createWorker = defaultWorker }) {
    this.root = root;
    this.store = store;
    this.onRunPreset = onRunPreset;
    this.createWorker = createWorker;
    this.results = new Map();
    this.errors = new Map();
    this.charts = [];
    this.shown = null;
    this.list = el('nav', { class: 'lesson-list', 'aria-label': t('lessons.list') });
    this.article = el('article', { class: 'lesson', 'aria-live': 'polite' });
    root.replaceChildren(
      el('h2', { id: 'lessons-title', i18n: 'lessons.title' }, t('lessons.title')),
      el('p', { class: 'muted', i18n: 'lessons.intro' }, t('lessons.intro')),
      el('div', { class: 'lessons-layout' }, this.list, this.article),
    );
  }

  #worker() {
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (e) => {
        const { type, id, result, message } = e.data;
        if (type === 'lesson-done') this.results.set(id, result);
        if (type === 'lesson-error') this.errors.set(id, message);
        if (this.store.get().view === 'lessons' && this.store.get().lesson === id) this.#show(id, true);
      };
      this.worker.onerror = (e) => {
        this.errors.set(this.store.get().lesson, e.message || 'worker error');
        this.worker = null;
        this.#show(this.store.get().lesson, true);
      };
    }
    return this.worker;
  }

  render(state, { visible }) {
    if (!visible) return;
    this.#renderList(state.lesson);
    const key = `${state.lesson}:${getLanguage()}`;
    if (this.shown !== key) this.#show(state.lesson);
  }

  relabel() {
    this.shown = null;
  }

  #renderList(current) {
    this.list.replaceChildren(...LESSONS.map((l, i) => el('button', {
      type: 'button', class: 'lesson-link', 'aria-current': l.id === current ? 'true' : null, dataset: { lesson: l.id },
      on: { click: () => this.store.set({ lesson: l.id }) },
    }, el('span', { class: 'lesson-number' }, String(i + 1)), l.title[lang()],
    this.results.has(l.id) ? el('span', { class: this.results.get(l.id).holds ? 'verdict-dot holds' : 'verdict-dot fails', 'aria-hidden': 'true' }) : null)));
  }

  #show(id, fromWorker = false) {
    const def = LESSONS.find((l) => l.id === id);
    const result = this.results.get(id);
    const error = this.errors.get(id);
    this.shown = `${id}:${getLanguage()}`;
    for (const c of this.charts) c.destroy();
    this.charts = [];
    const L = lang();
    const verdict = el('section', { class: 'verdict', dataset: { lessonVerdict: id, state: result ? String(result.holds) : error ? 'error' : 'running' } });
    const charts = el('div', { class: 'lesson-charts' });
    if (result) {
      verdict.append(
        el('h4', { class: result.holds ? 'holds' : 'fails' }, t(result.holds ? 'lessons.holds' : 'lessons.fails')),
        el('p', { class: 'muted' }, t('lessons.measuredIn', { seconds: fixed(result.ms / 1000, 1) })),
        measuredTable(result.measured));
    } else if (error) {
      verdict.append(el('h4', { class: 'fails' }, t('lessons.error', { message: error })));
    } else {
      verdict.append(el('h4', {}, t('lessons.running')));
      this.#worker().postMessage({ type: 'lesson', id });
    }
    this.article.replaceChildren(
      el('h3', {}, def.title[L]),
      el('figure', { class: 'claim' },
        el('blockquote', { lang: 'zh-CN' }, def.claim.zh),
        el('blockquote', { lang: 'en' }, def.claim.en),
        el('figcaption', { class: 'muted' }, t(def.source === 'paper' ? 'lessons.sourcePaper' : 'lessons.source'))),
      el('p', { class: 'effect' }, el('strong', {}, t('lessons.chartShows')), ' ', def.effect[L]),
      verdict,
      charts,
      el('p', {}, el('button', { type: 'button', class: 'primary', dataset: { lessonRun: id }, on: { click: () => this.onRunPreset(presetSettings(def.preset)) } },
        t(def.preset.view === 'explore' ? 'lessons.runExplore' : def.preset.view === 'trainer' ? 'lessons.runTrainer' : 'lessons.runCompare'))),
      el('p', { class: 'muted' }, t('lessons.docs')),
    );
    if (result) this.charts = renderLessonChart(charts, result.chart, def.chartTitle[L], L, { boundary: def.boundaryTitle?.[L] });
    if (fromWorker) this.#renderList(id);
  }
}

// The measured numbers as a two-column table: key, value (objects as compact JSON).
function measuredTable(measured) {
  const rows = Object.entries(measured).map(([k, v]) => el('tr', {},
    el('th', { scope: 'row' }, k), el('td', {}, typeof v === 'string' ? v : JSON.stringify(v).replace(/,"/g, ', "').replace(/,(?=\d|-|null)/g, ', '))));
  return el('table', { class: 'measured' }, el('tbody', {}, ...rows));
}

function defaultWorker() {
  return new Worker(new URL('../worker/lesson-worker.js', import.meta.url), { type: 'module' });
}
