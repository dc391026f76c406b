// The page's views, one line each. main.js builds every view from this table,
// routes the worker's messages to it and calls its hooks; adding a view is its
// own file, its strings (nav.<id> and its own) and one line here. (The URL's
// `view` values are listed in state.js.)
//
//   id        the view's name in the URL, its tab (data-view) and its panel (#view-<id>)
//   View      its class: new View(panel, deps); deps = { lab (views with lab: true),
//             store, controller, client, activations, onReset, onSpike, onRunPreset }
//             (it takes what it uses)
//   session   what it needs from the worker's training session while shown:
//             'train' or 'compare' (that session is started if another runs),
//             null (none: the session is left as it is)
//   message   the worker messages it receives: 'mlp' (the training session,
//             through view.onRun(kind, payload)), a tool's name (view.onMessage(msg)), or null
//   presets   true: a guided experiment or lesson applied while it is shown starts training
//   lab       true: it computes with the page's own lab (deps.lab); it is built once that
//             has loaded, which the page does only after the first setup is on its way
//             to the worker (at once when such a view is the first one shown)
//
// Hooks, each optional: render(state, { visible }), relabel() (language
// changed), onRun(kind, payload), onMessage(msg), onWorkerDeath(),
// onWorkerRestart({ visible }).
import { BornDeadView } from './born-dead-view.js';
import { CompareView } from './compare-view.js';
import { ExplorerView } from './explorer-view.js';
import { GraphView } from './graph-view.js';
import { LessonsView } from './lessons-view.js';
import { TrainerView } from './trainer-view.js';

export const VIEW_REGISTRY = Object.freeze([
  { id: 'explore', View: ExplorerView, session: null, message: null, presets: true, lab: true },
  { id: 'train', View: TrainerView, session: 'train', message: 'mlp', presets: true, lab: false },
  { id: 'compare', View: CompareView, session: 'compare', message: 'mlp', presets: true, lab: false },
  { id: 'borndead', View: BornDeadView, session: null, message: 'born-dead', presets: false, lab: false },
  // keeps the trainer's session (from compare, opening it returns the worker to the trainer's)
  { id: 'graph', View: GraphView, session: 'train', message: 'gcn', presets: true, lab: true },
  { id: 'lessons', View: LessonsView, session: null, message: null, presets: false, lab: false },
].map((entry) => Object.freeze(entry)));

/** The registry entry of view `id` (the first one for an unknown id). */
export function viewEntry(id) {
  return VIEW_REGISTRY.find((v) => v.id === id) ?? VIEW_REGISTRY[0];
}
