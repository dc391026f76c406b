// A titled card holding one chart canvas and a PNG download button.
import { el, download } from '../dom.js';
import { t } from '../i18n/i18n.js';

/**
 * Creates the card; returns { card, canvas, body }. `key` names the chart
 * (data-chart attribute, file name); `titleKey` is its i18n title.
 */
export function chartCard(key, titleKey, { height = 170, getChart } = {}) {
  const canvas = el('canvas', { role: 'img', 'data-i18n-attr': `aria-label:${titleKey}`, 'aria-label': t(titleKey) });
  const body = el('div', { class: 'chart-box', style: `height:${height}px` }, canvas);
  const button = el('button', {
    type: 'button', class: 'png', i18n: 'chart.png', i18nAttr: 'aria-label:chart.pngLabel', i18nVars: { name: `@${titleKey}` },
    on: { click: () => { const chart = getChart?.(); if (chart) download(`${key}.png`, chart.toBase64Image('image/png', 1)); } },
  }, t('chart.png'));
  button.setAttribute('aria-label', t('chart.pngLabel', { name: t(titleKey) }));
  const card = el('figure', { class: 'chart-card', dataset: { chart: key } },
    el('figcaption', {}, el('span', { i18n: titleKey }, t(titleKey)), button), body);
  return { card, canvas, body };
}
