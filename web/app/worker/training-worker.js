// The training worker: loads the library, owns the networks, and answers the
// page's messages (protocol below). Training runs in short slices between
// which messages are handled, so Pause and Reset act within one slice.
//
// page → worker                          worker → page
//   {type:'setup', gen, setup}             {type:'ready', simd}
//   {type:'play'|'pause', gen}             {type:'setup-done', gen, ...describe, reports}
//   {type:'step', gen, steps}              {type:'reports', gen, reports:{key:[...]}, surfaces?, step, running}
//   {type:'live', gen, lr?, schedule?}     {type:'state', gen, running, reason}
//   {type:'spike', gen}                    {type:'network', gen, json:{key: json}}
//   {type:'export', gen}                   {type:'born-dead-cell', id, depth, width, probability}
//   {type:'seek', gen, step}               {type:'seek-done', gen, step, reports, surfaces, units, checkpoints}
//   {type:'unseek', gen}                   (back to the live run; nothing is posted)
//   {type:'fork', gen, step, changes}      {type:'fork-done', gen, step, key, configs, reports, unitLog, surfaces, units}
//   {type:'state-bytes', gen, id, which}   {type:'state-bytes', gen, id, step, bytes:{key: hex}}  (tests)
// 'reports' and 'setup-done' also carry units (every hidden unit's image, at
// most every SURFACE_MS; session.js unitImages()) and unitLog (per report:
// unit shares and the update sizes of died/revived units); rewind: timeline.js.
//   {type:'born-dead', id, ...}            {type:'born-dead-done', id}
//   {type:'ping', id}                      {type:'pong', id}
//                                          {type:'error', gen?, message}
// graph lab (web/app/graph/gcn-session.js), independent of the session above:
//   {type:'gcn-setup', id, setup, play}    {type:'gcn-frame', id, running, step, report, embedding, probs, finished}
//   {type:'gcn-play'|'gcn-pause', id}
//   {type:'gcn-step', id, steps}
import { loadLab } from '../../lib/browser.js';
import { GcnSession } from '../graph/gcn-session.js';
import { Session } from './session.js';
import { Checkpoints, fork, replica } from './timeline.js';

const SLICE_MS = 25;       // longest stretch of training between message checks
const POST_MS = 100;       // reports reach the page at most 10 times a second
const SURFACE_MS = 250;    // decision surface refresh

let lab;
let session = null;
let gen = -1;
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

const labReady = loadLab().then((l) => {
  lab = l;
  self.postMessage({ type: 'ready', simd: lab.simd });
}, (error) => {
  self.postMessage({ type: 'fatal', message: `cannot load the library: ${error.message}` });
});

self.onmessage = async (event) => {
  await labReady;
  const msg = event.data;
  if (!lab || !msg || typeof msg.type !== 'string') return;
  try {
    handle(msg);
  } catch (error) {
    running = false;
    self.postMessage({ type: 'error', gen: msg.gen, message: error.message });
  }
};

function handle(msg) {
  if (msg.type === 'ping') return self.postMessage({ type: 'pong', id: msg.id });
  if (msg.type === 'born-dead') return void bornDead(msg);
  if (msg.type.startsWith('gcn-')) return gcn(msg);
  if (msg.type === 'setup') return setup(msg);
  if (msg.gen !== gen || !session) return;   // a command for a session that no longer exists
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
      self.postMessage({ type: 'network', gen, json: session.networkJson() });
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
      self.postMessage({ type: 'state-bytes', gen, id: msg.id, step: s?.step ?? null,
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
  gen = msg.gen;
  setupMsg = msg.setup;
  session = new Session(lab, msg.setup);
  original = session;
  new Checkpoints(session);
  const reports = session.initialReports();
  self.postMessage({ type: 'setup-done', gen, ...session.describe(), reports, unitLog: session.takeUnitLog(), surfaces: session.surfaces(), units: session.unitImages(), step: 0 });
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
  self.postMessage({ type: 'seek-done', gen, step: target, reports: view.initialReports(), surfaces: view.surfaces(),
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
  self.postMessage({ type: 'fork-done', gen, step: target, key: 'fork', ...f.describe(), reports, unitLog: f.takeUnitLog(),
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
  self.postMessage({ type: 'reports', gen, reports: pending, unitLog: session.takeUnitLog(), surfaces, units, step: session.step, running });
  pending = {};
}

function postState(reason) {
  self.postMessage({ type: 'state', gen, running, reason, step: session?.step ?? 0 });
}

// The born-dead table, one cell per slice so a new request cancels the old one.
async function bornDead({ id, depths, widths, init, trials, seed }) {
  bornDeadId = id;
  for (const depth of depths) {
    for (const width of widths) {
      if (bornDeadId !== id) return;
      const r = lab.bornDead({ width, depth, init, biasInit: 0, trials, seed });
      self.postMessage({ type: 'born-dead-cell', id, depth, width, probability: r.probability });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  if (bornDeadId === id) self.postMessage({ type: 'born-dead-done', id });
}

// ---- graph lab: one GCN run, a few full-graph steps per frame (~30 frames/s)
const GCN_STEPS_PER_FRAME = 2;
const GCN_FRAME_MS = 33;
let gcnSession = null;
let gcnId = 0;
let gcnRunning = false;

function gcn(msg) {
  if (msg.type === 'gcn-setup') {
    gcnRunning = false;
    gcnSession?.dispose();
    gcnSession = null;
    gcnId = msg.id;
    gcnSession = new GcnSession(lab, msg.setup);
    postGcn(gcnSession.frame());
    if (msg.play) startGcn();
    return;
  }
  if (msg.id !== gcnId || !gcnSession) return;
  if (msg.type === 'gcn-play') startGcn();
  else if (msg.type === 'gcn-pause') { gcnRunning = false; postGcn(gcnSession.frame()); }
  else if (msg.type === 'gcn-step') { gcnRunning = false; postGcn(gcnSession.advance(Math.max(1, Math.min(100, msg.steps | 0)))); }
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
    self.postMessage({ type: 'error', message: error.message });
    return;
  }
  if (gcnRunning && id === gcnId) setTimeout(gcnTick, GCN_FRAME_MS);
}

function postGcn(frame) {
  self.postMessage({ type: 'gcn-frame', id: gcnId, running: gcnRunning, ...frame });
}
