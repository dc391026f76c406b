// The training worker: loads the library, owns the networks, and answers the
// page's messages. Training runs in short slices between which messages are
// handled, so Pause and Reset act within one slice.
//
// Every message, both ways, is one envelope { tool, runId, type, ... }:
// `tool` names the tool it belongs to — 'mlp' (the training session of the
// trainer / compare view / embed widget), 'born-dead' (the born-dead table),
// 'gcn' (the graph lab) or 'worker' (the worker itself) — and `runId` the run
// of that tool the page started; a message of an older run is dropped, and an
// error reaches the tool (and run) whose message caused it, never another.
//
// page → worker                                   worker → page
//   {tool:'worker', type:'ping', id}                {tool:'worker', type:'ready', simd} | 'pong' {id} | 'fatal' {message}
//   {tool:'mlp', runId, type:'setup', setup}        {tool:'mlp', runId, type:'setup-done', ...describe, reports}
//   {tool:'mlp', runId, type:'play'|'pause'}        {tool:'mlp', runId, type:'reports', reports:{key:[...]}, surfaces?, step, running, wasmBytes}
//   {tool:'mlp', runId, type:'step', steps}         {tool:'mlp', runId, type:'state', running, reason, step}
//   {tool:'mlp', runId, type:'live', lr?, schedule?} {tool:'mlp', runId, type:'network', json:{key: json}}
//   {tool:'mlp', runId, type:'spike'|'export'}
//   {tool:'mlp', runId, type:'seek', step}         {tool:'mlp', runId, type:'seek-done', step, reports, surfaces, units, checkpoints}
//   {tool:'mlp', runId, type:'unseek'}              (back to the live run; nothing is posted)
//   {tool:'mlp', runId, type:'fork', step, changes} {tool:'mlp', runId, type:'fork-done', step, key, configs, reports, unitLog, surfaces, units}
//   {tool:'mlp', runId, type:'state-bytes', id, which} {tool:'mlp', runId, type:'state-bytes', id, step, bytes:{key: hex}}  (tests)
// 'reports' and 'setup-done' also carry units (every hidden unit's image, at
// most every SURFACE_MS; session.js unitImages()) and unitLog (per report:
// unit shares and the update sizes of died/revived units); rewind: timeline.js.
//   {tool:'born-dead', runId, type:'start', ...}    {tool:'born-dead', runId, type:'cell', depth, width, probability} | 'done'
//   {tool:'gcn', runId, type:'setup', setup, play}  {tool:'gcn', runId, type:'frame', running, step, report, embedding, probs, finished}
//   {tool:'gcn', runId, type:'play'|'pause'}
//   {tool:'gcn', runId, type:'step', steps}
//                                                   {tool, runId, type:'error', message}  (any tool)
// Test and dev builds only (absent from `npm run build:site`, see faults.js):
//   {tool:'worker', type:'test-fault', kind}  makes this worker really fail.
import { loadLab } from '../../lib/browser.js';
import { GcnSession } from '../graph/gcn-session.js';
import { Session } from './session.js';
import { Checkpoints, fork, replica } from './timeline.js';

const SLICE_MS = 25;       // longest stretch of training between message checks
const POST_MS = 100;       // reports reach the page at most 10 times a second
const SURFACE_MS = 250;    // decision surface refresh

let lab;
let session = null;
let mlpRunId = -1;
let running = false;
let pending = {};          // reports not yet posted, by run key
let lastPost = 0;
let lastSurface = 0;
let budget = 0;            // steps earned at the current pace
let lastTick = 0;
let bornDeadId = 0;
let setupMsg = null;       // the setup of the current session (replicas are built from it)
let original = null;       // the run as first trained; `session` is it or a fork of it
let view = null;           // a replica at a sought step (the timeline), or null

/**
 * Posts one envelope. A message that cannot be cloned (DataCloneError) leaves
 * the page without the answer it waits for: the worker reports itself broken
 * ('fatal'), so the page restarts it instead of waiting forever.
 */
function post(tool, runId, type, fields = {}) {
  try {
    self.postMessage({ ...fields, tool, runId, type });
    return true;
  } catch (error) {
    running = false;
    gcnRunning = false;
    self.postMessage({ tool: 'worker', type: 'fatal', message: `cannot send a ${tool} '${type}' message: ${error.message}` });
    return false;
  }
}
const mlpPost = (type, fields) => post('mlp', mlpRunId, type, fields);

const labReady = loadLab().then((l) => {
  lab = l;
  post('worker', 0, 'ready', { simd: lab.simd });
}, (error) => {
  post('worker', 0, 'fatal', { message: `cannot load the library: ${error.message}` });
});

const TOOLS = { worker: handleWorker, mlp: handleMlp, 'born-dead': handleBornDead, gcn: handleGcn };

self.onmessage = async (event) => {
  await labReady;
  const msg = event.data;
  if (!lab || !msg || typeof msg.type !== 'string' || !Object.hasOwn(TOOLS, msg.tool)) return;
  try {
    TOOLS[msg.tool](msg);
  } catch (error) {
    if (msg.tool === 'mlp') running = false;
    if (msg.tool === 'gcn') gcnRunning = false;
    post(msg.tool, msg.runId, 'error', { message: error.message });
  }
};

let testFault = null;   // test and dev builds: web/app/worker/faults.js
if (import.meta.env.MODE === 'test' || import.meta.env.DEV) {
  import('./faults.js').then((m) => { testFault = m.testFault; });
}

function handleWorker(msg) {
  if (msg.type === 'ping') post('worker', 0, 'pong', { id: msg.id });
  else if (msg.type === 'test-fault' && testFault) testFault(msg.kind, post);
}

function handleMlp(msg) {
  if (msg.type === 'setup') return setup(msg);
  if (msg.runId !== mlpRunId || !session) return;   // a command for a session that no longer exists
  switch (msg.type) {
    case 'play':
      if (!session.finished && !running) {
        running = true;
        budget = 0;
        lastTick = performance.now();
        postState('playing');
        setTimeout(tick, 0);
      }
      break;
    case 'pause':
      if (running) {
        running = false;
        flush(true);
        postState('paused');
      }
      break;
    case 'step': {
      running = false;
      collect(session.advance(Math.max(1, Math.min(1000, msg.steps | 0))));
      flush(true);
      postState(session.finished ? 'finished' : 'paused');
      break;
    }
    case 'live':
      session.setLive(msg);
      break;
    case 'spike':
      session.spikeNow();
      break;
    case 'export':
      mlpPost('network', { json: session.networkJson() });
      break;
    case 'seek':
      seek(msg.step);
      break;
    case 'unseek':
      view?.dispose();
      view = null;
      break;
    case 'fork':
      startFork(msg);
      break;
    case 'state-bytes': {
      const s = msg.which === 'view' ? view : session;
      const hex = (b) => Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
      mlpPost('state-bytes', { id: msg.id, step: s?.step ?? null,
        bytes: s ? Object.fromEntries(s.runs.map((r) => [r.key, hex(r.net.saveState())])) : null });
      break;
    }
    default:
      break;
  }
}

function setup(msg) {
  running = false;
  disposeAll();
  pending = {};
  mlpRunId = msg.runId;
  setupMsg = msg.setup;
  session = new Session(lab, msg.setup);
  original = session;
  new Checkpoints(session);
  const reports = session.initialReports();
  mlpPost('setup-done', { ...session.describe(), reports, unitLog: session.takeUnitLog(), surfaces: session.surfaces(), units: session.unitImages(), step: 0 });
}

function disposeAll() {
  view?.dispose();
  if (session !== original) session?.dispose();
  original?.dispose();
  view = session = original = null;
}

// The original run as it was at `step`, rebuilt from its checkpoints.
function seek(step) {
  pauseForTimeline();
  const target = Math.max(0, Math.min(original.step, Math.round(Number(step))));
  if (view?.step !== target) {
    view?.dispose();
    view = null;
    view = replica(lab, original, setupMsg, target);
  }
  view.takeUnitLog();   // the replay's: the page has the original's
  mlpPost('seek-done', { step: target, reports: view.initialReports(), surfaces: view.surfaces(),
    units: view.unitImages(), checkpoints: original.checkpoints.describe() });
}

function startFork({ step, changes }) {
  pauseForTimeline();
  const target = Math.max(0, Math.min(original.step, Math.round(Number(step))));
  if (view?.step !== target) {
    view?.dispose();
    view = replica(lab, original, setupMsg, target);
  }
  const f = fork(lab, view, setupMsg, original.log, changes ?? {});
  if (session !== original) session.dispose();
  session = f;
  pending = {};
  const reports = f.initialReports();
  mlpPost('fork-done', { step: target, key: 'fork', ...f.describe(), reports, unitLog: f.takeUnitLog(),
    surfaces: f.surfaces(), units: f.unitImages() });
}

function pauseForTimeline() {
  if (running) {
    running = false;
    flush(true);
    postState('paused');
  }
}

function tick() {
  if (!running || !session) return;
  const now = performance.now();
  const pace = session.schedule.stepsPerSecond;
  // at most a quarter second of steps saved up; 'max' pace trains for the whole slice
  budget = pace === Infinity ? Infinity : Math.min(budget + ((now - lastTick) / 1000) * pace, pace * 0.25 + 10);
  lastTick = now;
  const sliceEnd = now + SLICE_MS;
  const chunk = session.schedule.reportEvery;
  while (budget >= 1 && performance.now() < sliceEnd && !session.finished) {
    const n = Math.max(1, Math.min(chunk, Math.floor(budget)));
    const result = session.advance(n);
    budget -= result.steps;
    collect(result);
  }
  if (session.finished) {
    running = false;
    flush(true);
    postState('finished');
    return;
  }
  flush(false);
  setTimeout(tick, pace === Infinity ? 0 : 16);
}

function collect({ reports }) {
  for (const [key, list] of Object.entries(reports)) (pending[key] ??= []).push(...list);
}

function flush(force) {
  const now = performance.now();
  if (!force && now - lastPost < POST_MS) return;
  const hasReports = Object.keys(pending).length > 0;
  const surfaces = force || now - lastSurface >= SURFACE_MS ? session.surfaces() : null;
  if (!hasReports && !surfaces) return;
  if (surfaces) lastSurface = now;
  lastPost = now;
  const units = surfaces ? session.unitImages() : null;   // at the surfaces' bounded rate
  mlpPost('reports', { reports: pending, unitLog: session.takeUnitLog(), surfaces, units, step: session.step, running,
    wasmBytes: lab.module.HEAP8.buffer.byteLength });
  pending = {};
}

function postState(reason) {
  mlpPost('state', { running, reason, step: session?.step ?? 0 });
}

function handleBornDead(msg) {
  if (msg.type === 'start') bornDead(msg);
}

// The born-dead table, one cell per slice so a new request cancels the old one.
async function bornDead({ runId, depths, widths, init, trials, seed }) {
  bornDeadId = runId;
  try {
    for (const depth of depths) {
      for (const width of widths) {
        if (bornDeadId !== runId) return;
        const r = lab.bornDead({ width, depth, init, biasInit: 0, trials, seed });
        post('born-dead', runId, 'cell', { depth, width, probability: r.probability });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } catch (error) {
    post('born-dead', runId, 'error', { message: error.message });
    return;
  }
  if (bornDeadId === runId) post('born-dead', runId, 'done');
}

// ---- graph lab: one GCN run, a few full-graph steps per frame (~30 frames/s)
const GCN_STEPS_PER_FRAME = 2;
const GCN_FRAME_MS = 33;
let gcnSession = null;
let gcnId = 0;
let gcnRunning = false;

function handleGcn(msg) {
  if (msg.type === 'setup') {
    gcnRunning = false;
    gcnSession?.dispose();
    gcnSession = null;
    gcnId = msg.runId;
    gcnSession = new GcnSession(lab, msg.setup);
    postGcn(gcnSession.frame());
    if (msg.play) startGcn();
    return;
  }
  if (msg.runId !== gcnId || !gcnSession) return;
  if (msg.type === 'play') startGcn();
  else if (msg.type === 'pause') { gcnRunning = false; postGcn(gcnSession.frame()); }
  else if (msg.type === 'step') { gcnRunning = false; postGcn(gcnSession.advance(Math.max(1, Math.min(100, msg.steps | 0)))); }
}

function startGcn() {
  if (gcnRunning || gcnSession.finished) return;
  gcnRunning = true;
  setTimeout(gcnTick, 0);
}

function gcnTick() {
  if (!gcnRunning || !gcnSession) return;
  const id = gcnId;
  try {
    const frame = gcnSession.advance(GCN_STEPS_PER_FRAME);
    if (frame.finished) gcnRunning = false;
    postGcn(frame);
  } catch (error) {
    gcnRunning = false;
    post('gcn', id, 'error', { message: error.message });
    return;
  }
  if (gcnRunning && id === gcnId) setTimeout(gcnTick, GCN_FRAME_MS);
}

function postGcn(frame) {
  post('gcn', gcnId, 'frame', { running: gcnRunning, ...frame });
}
