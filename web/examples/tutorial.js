// The tutorial page's side of the postMessage contract (a module file, not an inline
// script, so the page runs under a strict CSP: script-src 'self').
const frame = document.getElementById('dying-frame');
const frameOrigin = new URL(frame.src, location.href).origin;
const status = document.getElementById('frame-status');
const log = document.getElementById('log');
window.tutorialMessages = [];
window.addEventListener('message', (e) => {
  if (e.origin !== frameOrigin || e.source !== frame.contentWindow || e.data?.source !== 'activation-lab') return;
  window.tutorialMessages.push(e.data);
  if (e.data.type === 'progress') {
    const relu = e.data.runs?.ReLU;
    status.textContent = `step ${e.data.step}${relu ? ` · ReLU dead share ${(100 * relu.deadFraction).toFixed(0)}%` : ''}`;
  } else {
    const line = document.createElement('div');
    line.textContent = JSON.stringify(e.data);
    log.prepend(line);
  }
});
for (const b of document.querySelectorAll('[data-command]')) {
  b.addEventListener('click', () => frame.contentWindow.postMessage({ type: b.dataset.command }, frameOrigin));
}
