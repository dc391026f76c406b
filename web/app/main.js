// The page, loaded by entry.js once the training worker has started: reads
// the settings from the URL (with the catalogue and the schema the build wrote
// as JS), hands the setup to the worker, wires the views of views/registry.js
// to the store, the worker and the run controller, and then loads its own lab
// (the explorer and the graph lab compute with it on this thread): after the
// first setup has arrived, so that a second compile of the module does not
// compete with the worker's on the way to the first chart.
// Views draw; this file routes, and names no view except through the registry.
import { takeEarlyWorker } from './worker-boot.js';   // the worker entry.js started
import { catalogue } from '../lib/catalogue.js';
import { shippedSchema } from '../lib/schema.js';
import { applyStrings, onLanguageChange, setLanguage, t } from './i18n/i18n.js';
import { parseState, strongestGroup } from './state.js';
import { Store } from './store.js';
import { WorkerClient, defaultWorker } from './worker-client.js';
import { RunController } from './run-controller.js';
import { fittingOutput, schedule, workerSetup } from './run-setup.js';
import { EXPERIMENTS } from './experiments.js';
import { VIEW_REGISTRY, viewEntry } from './views/registry.js';
import { renderExperimentPanel } from './views/experiment-panel.js';
import { startFpsMeter } from './fps.js';
import { renderUrlNotices } from './url-notice.js';

const $ = (sel) => document.querySelector(sel);
const status = $('#status');
applyStrings();
status.textContent = t('app.loading');

// ---- worker and run controller: the worker (started by worker-boot.js) loads
// and compiles its module while this thread loads its own
const banner = $('#worker-banner');
const errorBanner = $('#error-banner');
// A worker that dies (an exception, an unsendable message, no answer to
// pings, closed) is restarted at once with the run's settings, playing if it
// was — at most AUTO_RESTARTS times a minute, so a setup that kills it every
// time cannot loop; after that the banner's button restarts it.
const AUTO_RESTARTS = 3;
const deaths = [];
const toolViews = VIEW_REGISTRY.filter((v) => v.message && v.message !== 'mlp');
let wired = false;      // the views exist (a death before that is handled once they do)
let earlyDeath = null;
const client = new WorkerClient({
  onMessage: (msg) => controller.receive(msg),
  tools: Object.fromEntries(toolViews.map((v) => [v.message, (msg) => views[v.id]?.onMessage(msg)])),
  onDeath: (message) => {
    if (wired) onWorkerDeath(message);
    else earlyDeath = message;
    loadPageLab();
  },
}, () => takeEarlyWorker() ?? defaultWorker());
function onWorkerDeath(message) {
  const why = message || t('worker.unknown');
  const wasRunning = controller.running;
  $('#worker-message').textContent = t('worker.died', { message: why });
  banner.hidden = false;
  document.body.dataset.worker = 'dead';
  controller.running = false;
  for (const view of Object.values(views)) view.onWorkerDeath?.();
  const now = performance.now();
  deaths.push(now);
  while (deaths[0] < now - 60_000) deaths.shift();
  if (deaths.length <= AUTO_RESTARTS) {
    restartWorker({ play: wasRunning });
    $('#worker-message').textContent = t('worker.restarted', { message: why });
  }
}
const controller = new RunController(client);

const activations = catalogue();
const ctx = { activations: activations.map((a) => a.name), schema: shippedSchema() };
const { state: initial, notices: urlNotices } = parseState(location.search, ctx);
const store = new Store(initial, ctx);
setLanguage(initial.lang);

function restartWorker({ play = false } = {}) {
  client.restart();
  document.body.dataset.worker = 'alive';
  document.body.dataset.workerRestarts = String(Number(document.body.dataset.workerRestarts ?? 0) + 1);
  startSession({ play });
  for (const [id, view] of Object.entries(views)) view.onWorkerRestart?.({ visible: store.get().view === id });
}
$('#worker-restart').addEventListener('click', () => {
  banner.hidden = true;
  restartWorker();
});

// The training session a view needs (views without one keep the trainer's).
const sessionOf = (view) => viewEntry(view).session;
function startSession({ play = false } = {}) {
  const s = store.get();
  controller.start(workerSetup(s, { compare: sessionOf(s.view) === 'compare' }), { play });
}
const onReset = () => startSession();
const onSpike = () => controller.spike(store.get().spikeSteps);

// ---- views: one per registry line, each on its panel (made, with its tab,
// when index.html has none); those that compute with the lab once it has loaded
const deps = { lab: null, store, controller, client, activations, onReset, onSpike, onRunPreset: (patch) => applyAndPlay(patch) };
const panels = Object.fromEntries(VIEW_REGISTRY.map((v) => [v.id, panelOf(v.id)]));
const views = {};
for (const v of VIEW_REGISTRY) if (!v.lab) views[v.id] = new v.View(panels[v.id], deps);

// The page's own lab: loaded once (loadPageLab), when the first setup or
// error has come back from the worker, when the worker dies, or at once when
// a view that needs it is shown. Then its views are built and drawn. Not
// before: on a 2-core machine, its fetch and compile would take the CPU from
// the worker while it builds the first setup, the path to the first chart.
let labLoad = null;
let labRequested;
const pageLab = new Promise((resolve) => { labRequested = resolve; });
function loadPageLab() {
  if (labLoad) return labLoad;
  labLoad = import('../lib/browser.js').then(({ loadLab }) => loadLab()).then((lab) => {
    deps.lab = lab;
    for (const v of VIEW_REGISTRY) if (v.lab) views[v.id] = new v.View(panels[v.id], deps);
    render(store.get());
    return lab;
  }, (error) => {
    client.terminate();
    status.textContent = t('app.loadFailed', { message: error.message });
    document.body.dataset.ready = 'error';
    throw error;
  });
  labLoad.catch(() => {});   // the start-up below awaits it and reports a failure
  labRequested(labLoad);
  return labLoad;
}

function panelOf(id) {
  let panel = document.querySelector(`[data-view-panel="${id}"]`);
  if (!panel) {
    panel = Object.assign(document.createElement('section'), { id: `view-${id}`, className: 'view', hidden: true });
    panel.dataset.viewPanel = id;
    $('#main').append(panel);
  }
  if (!document.querySelector(`.tabs [data-view="${id}"]`)) {
    const tab = Object.assign(document.createElement('button'), { type: 'button', textContent: t(`nav.${id}`) });
    Object.assign(tab.dataset, { view: id, i18n: `nav.${id}` });
    $('.tabs').append(tab);
  }
  return panel;
}

controller.on((kind, payload) => {
  if (kind === 'error') {
    errorBanner.textContent = t('error.config', { message: payload });
    errorBanner.hidden = false;
  }
  if (kind === 'setup') errorBanner.hidden = true;
  for (const view of Object.values(views)) view.onRun?.(kind, payload);
  // the first chart is on its way: the page's lab may load now (after this frame)
  if (kind === 'setup' || kind === 'error') requestAnimationFrame(() => setTimeout(loadPageLab, 0));
});
wired = true;
if (earlyDeath !== null) onWorkerDeath(earlyDeath);

function renderPanels(state) {
  const experiment = EXPERIMENTS[state.exp] ?? null;
  const handlers = {
    onVariant: (patch) => applyAndPlay(patch),
    onCompare: () => applyAndPlay({ view: 'compare', runs: experiment.compare }),
    onClose: () => store.set({ exp: '' }),
  };
  const isTrainExperiment = experiment && experiment.id !== 'born-dead';
  renderExperimentPanel($('#experiment-panel'), isTrainExperiment ? experiment : null, state, handlers);
  // under the side-by-side run a variant is trained alone, in the trainer (compare's
  // networks are its `runs`: the variant's act/init would change none of them)
  renderExperimentPanel($('#compare-experiment-panel'), isTrainExperiment ? experiment : null, state,
    { ...handlers, onCompare: null, onVariant: (patch) => applyAndPlay({ ...patch, view: 'train' }), showActive: false });
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
  for (const [id, view] of Object.entries(views)) view.render(state, { visible: state.view === id });
  renderPanels(state);
  if (viewEntry(state.view).lab) loadPageLab();
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
  const needed = sessionOf(state.view);
  const viewSwitch = keys.includes('view') && needed !== null && controller.setup?.mode !== needed;
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
  if (viewEntry(store.get().view).presets) startSession({ play: true });
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
  renderUrlNotices($('#url-banner'), urlNotices, ctx);
  for (const view of Object.values(views)) view.relabel?.();
  render(store.get());
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
renderUrlNotices($('#url-banner'), urlNotices, ctx);
// The worker queues the setup until its module is loaded: sent now, it is built as soon as it can be.
startSession({ play: sessionOf(store.get().view) !== null && Boolean(EXPERIMENTS[store.get().exp]) });
const lab = await pageLab;
status.textContent = t('app.loaded', { simd: lab.simd ? 'SIMD' : 'scalar', count: activations.length });
status.dataset.i18nVars = JSON.stringify({ simd: lab.simd ? 'SIMD' : 'scalar', count: activations.length });
status.dataset.i18n = 'app.loaded';
document.body.dataset.simd = String(lab.simd);
// window.__alab exists in test and dev builds only (`vite build --mode test`,
// `vite` dev server); `npm run build:site` leaves the branch and the file out.
if (import.meta.env.MODE === 'test' || import.meta.env.DEV) {
  const { installTestHook } = await import('./test-hook.js');
  installTestHook({ store, controller, client, fps, graphView: views.graph });
}
document.body.dataset.ready = 'true';
