// embed.html: one experiment for an iframe. URL parameters (all validated):
//   experiment  saturation | dying-relu (required)
//   lang        en | zh-CN
//   speed       slow | normal | fast | max
//   autoplay    1 to start at once
//   origins     comma-separated origins allowed to send commands (default: this page's origin; * = any)
// Posts { source: 'activation-lab', type, experiment, ... } to the parent and
// obeys { type: 'start' | 'pause' | 'reset' } from allowed origins only; anything
// else is answered { type: 'rejected', field, value, reason } (what was wrong, what is allowed).
import { setLanguage } from '../i18n/i18n.js';
import { SPEEDS } from '../state.js';
import { ExperimentWidget, WIDGET_EXPERIMENTS, originNotice, settingNotice } from './widget.js';
import { SOURCE, checkCommand, originAllowed, readAllowedOrigins } from './messages.js';

const params = new URLSearchParams(location.search);
const notices = [];   // built once the language is set
const rejectedParams = [];
const pick = (key, allowed, def) => {
  if (allowed.includes(params.get(key))) return params.get(key);
  if (params.has(key) && def !== null) rejectedParams.push([key, params.get(key), allowed, def]);
  return def;
};
const experiment = pick('experiment', Object.keys(WIDGET_EXPERIMENTS), null);
setLanguage(pick('lang', ['en', 'zh-CN'], 'en'));
const speed = pick('speed', SPEEDS, 'normal');
pick('autoplay', ['1'], '0');
const { origins: allowed, dropped } = readAllowedOrigins(params.get('origins'), location.origin);
for (const [key, value, values, def] of rejectedParams) notices.push(settingNotice(key, value, values, def));
for (const origin of dropped) notices.push(originNotice(origin));
const inFrame = window.parent !== window;

/** Posts to the parent at every allowed origin (the browser drops the others). */
function post(msg) {
  if (!inFrame) return;
  const data = { source: SOURCE, ...msg };
  for (const origin of allowed) window.parent.postMessage(data, origin === '*' ? '*' : origin);
}

const widget = new ExperimentWidget(document.getElementById('app'), {
  experiment: experiment ?? params.get('experiment') ?? '',
  speed,
  onEvent: post,
  linkBase: new URL('./', location.href).href,
  notices,
});

window.addEventListener('message', (event) => {
  if (!inFrame || event.source !== window.parent) return;
  if (!originAllowed(event.origin, allowed)) return;   // silently: no oracle for strangers
  const { command, error } = checkCommand(event.data);
  if (!command) {
    post({ type: 'rejected', experiment, field: error.field, value: error.value, reason: error.reason });
    return;
  }
  if (!widget.controller) return;
  if (command.type === 'start') widget.start();
  else if (command.type === 'pause') widget.pause();
  else widget.reset();
  post({ type: 'ack', experiment, command: command.type, id: command.id });
});

document.body.dataset.ready = 'true';
if (params.get('autoplay') === '1' && widget.controller) widget.start();
