// The dead-unit autopsy: which unit died (or revived), at which step and
// learning rate. Newest first, at most MAX_SHOWN rows, total in data-count.
import { el } from '../dom.js';
import { fmt } from '../format.js';
import { t } from '../i18n/i18n.js';

const MAX_SHOWN = 60;

export class EventList {
  constructor(container) {
    this.list = el('ol', { class: 'events', reversed: true });
    this.empty = el('p', { class: 'muted', i18n: 'chart.noEvents' }, t('chart.noEvents'));
    this.box = el('div', { class: 'events-box', tabindex: '0', 'aria-live': 'polite' }, this.empty, this.list);
    container.append(this.box);
    this.shown = -1;
  }

  /** Empties the list (a new run). */
  clear() {
    this.shown = -1;
    this.update({ total: 0, byKind: {}, recent: [] });
  }

  /** @param log an EventLog (bounded-history.js): counts over the whole run, the newest events in full */
  update(log) {
    this.box.dataset.count = String(log.total);
    this.box.dataset.died = String(log.byKind.died ?? 0);
    if (log.total === this.shown) return;
    this.shown = log.total;
    this.empty.hidden = log.total > 0;
    this.list.replaceChildren(...log.recent.slice(-MAX_SHOWN).reverse().map((e) => el('li', { class: e.kind },
      t('chart.event', { step: e.step, layer: e.layer + 1, unit: e.unit + 1, kind: t(e.kind === 'died' ? 'chart.died' : 'chart.revived'), lr: fmt(e.learningRate) }))));
  }
}
