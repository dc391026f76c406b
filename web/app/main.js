// Page entry: loads the library (the explorer draws with it on this thread),
// reads the settings from the URL, starts the training worker and wires the
// views to the store and the run controller. Views draw; this file routes.
import { loadLab } from '../lib/browser.js';
import { applyStrings, onLanguageChange, setLanguage, t } from './i18n/i18n.js';
import { parseState, strongestGroup } from './state.js';
import { Store } from './store.js';
import { WorkerClient } from './worker-client.js';
import { RunController } from './run-controller.js';
import { fittingOutput, schedule, workerSetup } from './run-setup.js';
import { EXPERIMENTS } from './experiments.js';
import { ExplorerView } from './views/explorer-view.js';
import { TrainerView } from './views/trainer-view.js';
import { CompareView } from './views/compare-view.js';
import { BornDeadView } from './views/born-dead-view.js';
import { GraphView } from './views/graph-view.js';
import { LessonsView } from './views/lessons-view.js';
import { renderExperimentPanel } from './views/experiment-panel.js';
import { startFpsMeter } from './fps.js';

const $ = (sel) => document.querySelector(sel);
const status = $('#status');
applyStrings();
status.textContent = t('app.loading');

let lab;
try {
  lab = await loadLab();
} catch (error) {
  status.textContent = t('app.loadFailed', { message: error.message });
  document.body.dataset.ready = 'error';
  throw error;
}

const activations = lab.activations;
const ctx = { activations: activations.map((a) => a.name), schema: lab.schema };
const { state: initial } = parseState(location.search, ctx);
const store = new Store(initial, ctx);
setLanguage(initial.lang);

// ---- worker and run controller
const banner = $('#worker-banner');
const errorBanner = $('#error-banner');
// A worker that dies (an exception, an unsendable message, no answer to
// pings, closed) is restarted at once with the run's settings, playing if it
// was — at most AUTO_RESTARTS times a minute, so a setup that kills it every
// time cannot loop; after that the banner's button restarts it.
const AUTO_RESTARTS = 3;
const deaths = [];
const client = new WorkerClient({
  onMessage: (msg) => controller.receive(msg),
  tools: { 'born-dead': (msg) => bornDead.onMessage(msg), gcn: (msg) => graphView.onMessage(msg) },
  onDeath: (message) => {
    const why = message || t('worker.unknown');
    const wasRunning = controller.running;
    $('#worker-message').textContent = t('worker.died', { message: why });
    banner.hidden = false;
    document.body.dataset.worker = 'dead';
    controller.running = false;
    trainer.draw();
    compare.draw();
    const now = performance.now();
    deaths.push(now);
    while (deaths[0] < now - 60_000) deaths.shift();
    if (deaths.length <= AUTO_RESTARTS) {
      restartWorker({ play: wasRunning });
      $('#worker-message').textContent = t('worker.restarted', { message: why });
    }
  },
});
const controller = new RunController(client);
function restartWorker({ play = false } = {}) {
  client.restart();
  document.body.dataset.worker = 'alive';
  document.body.dataset.workerRestarts = String(Number(document.body.dataset.workerRestarts ?? 0) + 1);
  startSession({ play });
  graphView.restart();
  bornDead.relabel();
  if (store.get().view === 'borndead') bornDead.compute();
}
$('#worker-restart').addEventListener('click', () => {
  banner.hidden = true;
  restartWorker();
});

const sessionView = () => (store.get().view === 'compare' ? 'compare' : 'train');
function startSession({ play = false } = {}) {
  const s = store.get();
  controller.start(workerSetup(s, { compare: sessionView() === 'compare' }), { play });
}
const onReset = () => startSession();
const onSpike = () => controller.spike(store.get().spikeSteps);

// ---- views
const explorer = new ExplorerView($('#view-explore'), { lab, store });
const trainer = new TrainerView($('#view-train'), { store, controller, activations, onReset, onSpike });
const compare = new CompareView($('#view-compare'), { store, controller, activations, onReset, onSpike });
const bornDead = new BornDeadView($('#view-borndead'), { store, client, activations });
const graphView = new GraphView($('#view-graph'), { lab, store, client, activations });
const lessons = new LessonsView($('#view-lessons'), { store, onRunPreset: (patch) => applyAndPlay(patch) });

controller.on((kind, payload) => {
  if (kind === 'error') {
    errorBanner.textContent = t('error.config', { message: payload });
    errorBanner.hidden = false;
  }
  if (kind === 'setup') errorBanner.hidden = true;
  trainer.onRun(kind, payload);
  compare.onRun(kind, payload);
});

function renderPanels(state) {
  const experiment = EXPERIMENTS[state.exp] ?? null;
  const handlers = {
    onVariant: (patch) => applyAndPlay(patch),
    onCompare: () => applyAndPlay({ view: 'compare', runs: experiment.compare }),
    onClose: () => store.set({ exp: '' }),
  };
  const isTrainExperiment = experiment && experiment.id !== 'born-dead';
  renderExperimentPanel($('#experiment-panel'), isTrainExperiment ? experiment : null, state, handlers);
  renderExperimentPanel($('#compare-experiment-panel'), isTrainExperiment ? experiment : null, state, { ...handlers, onCompare: null });
  renderExperimentPanel($('#borndead-experiment-panel'), experiment?.id === 'born-dead' ? experiment : null, state, handlers);
}

function render(state) {
  for (const panel of document.querySelectorAll('[data-view-panel]')) panel.hidden = panel.dataset.viewPanel !== state.view;
  for (const tab of document.querySelectorAll('.tabs [data-view]')) {
    if (tab.dataset.view === state.view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const b of document.querySelectorAll('[data-experiment]')) b.setAttribute('aria-pressed', String(b.dataset.experiment === state.exp));
  $('#lang-select').value = state.lang;
  document.body.dataset.view = state.view;
  if (state.view === 'explore') explorer.render(state);
  trainer.render(state);
  compare.render(state);
  bornDead.render(state, { visible: state.view === 'borndead' });
  graphView.render(state, { visible: state.view === 'graph' });
  lessons.render(state, { visible: state.view === 'lessons' });
  renderPanels(state);
}

// ---- settings changes
let quiet = false;   // set while a patch is applied whose session is started by hand
store.subscribe((state, keys) => {
  if (keys.includes('lang')) setLanguage(state.lang);
  if (keys.includes('dataset') && fittingOutput(state) !== state.output) {
    store.set({ output: fittingOutput(state) });
    return;
  }
  render(state);
  if (quiet) return;
  const group = strongestGroup(keys.filter((k) => k !== 'view'));
  const viewSwitch = keys.includes('view') && !['explore', 'borndead', 'lessons'].includes(state.view) && controller.setup?.mode !== sessionView();
  if (viewSwitch || group === 'data' || group === 'net') startSession({ play: controller.running && !viewSwitch });
  else if (group === 'live') controller.live(state.lr, schedule(state));
});

/** Applies settings and starts training them (guided experiments and their variants). */
function applyAndPlay(patch) {
  quiet = true;
  try {
    store.set(patch);
  } finally {
    quiet = false;
  }
  if (!['borndead', 'lessons'].includes(store.get().view)) startSession({ play: true });
}

for (const b of document.querySelectorAll('[data-experiment]')) {
  b.addEventListener('click', () => applyAndPlay({ ...EXPERIMENTS[b.dataset.experiment].settings }));
}
$('#guide-lessons').addEventListener('click', () => store.set({ view: 'lessons', exp: '' }));
for (const tab of document.querySelectorAll('.tabs [data-view]')) {
  tab.addEventListener('click', () => store.set({ view: tab.dataset.view }));
}
$('#lang-select').addEventListener('change', (e) => store.set({ lang: e.target.value }));
onLanguageChange(() => {
  explorer.shown = null;
  trainer.relabel();
  bornDead.relabel();
  graphView.relabel();
  lessons.relabel();
  render(store.get());
  compare.onRun('setup');
});
$('#copy-link').addEventListener('click', async () => {
  const out = $('#copy-status');
  try {
    await navigator.clipboard.writeText(store.link());
    out.textContent = t('app.copied');
  } catch {
    out.textContent = t('app.copyFailed');
  }
  setTimeout(() => { out.textContent = ''; }, 2500);
});

// ---- start
const fps = startFpsMeter((value) => {
  $('#fps').textContent = t('app.fps', { fps: value });
  document.body.dataset.fps = String(value);
});
render(store.get());
await client.ready;
if (!['explore', 'borndead', 'lessons'].includes(store.get().view)) startSession({ play: Boolean(EXPERIMENTS[store.get().exp]) });
else startSession();
status.textContent = t('app.loaded', { simd: lab.simd ? 'SIMD' : 'scalar', count: activations.length });
status.dataset.i18nVars = JSON.stringify({ simd: lab.simd ? 'SIMD' : 'scalar', count: activations.length });
status.dataset.i18n = 'app.loaded';
document.body.dataset.simd = String(lab.simd);
// window.__alab exists in test and dev builds only (`vite build --mode test`,
// `vite` dev server); `npm run build:site` leaves the branch and the file out.
if (import.meta.env.MODE === 'test' || import.meta.env.DEV) {
  const { installTestHook } = await import('./test-hook.js');
  installTestHook({ store, controller, client, fps, graphView });
}
document.body.dataset.ready = 'true';
