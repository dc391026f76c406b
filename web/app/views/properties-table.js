// The seed's property table, for every activation, as measured by the library
// (lab.activations[i].properties): nonlinear, differentiable, monotonic,
// identity near 0, output range, zero-centred.
import { el } from '../dom.js';
import { fmt } from '../format.js';
import { t } from '../i18n/i18n.js';

const COLUMNS = ['nonlinear', 'differentiable', 'monotonic', 'identityNearOrigin', 'range', 'zeroCentred'];

function cell(a, column) {
  const p = a.properties;
  if (column === 'range') {
    const lo = p.boundedBelow ? fmt(p.lowerBound, 4) : '−∞';
    const hi = p.boundedAbove ? fmt(p.upperBound, 4) : '∞';
    return { text: `${lo} … ${hi}`, yes: null };
  }
  const v = Boolean(p[column]);
  if (column === 'differentiable' && !v && p.nonDifferentiableAt?.length) {
    return { text: t('prop.noAt', { at: p.nonDifferentiableAt.join(', ') }), yes: false };
  }
  return { text: t(v ? 'prop.yes' : 'prop.no'), yes: v };
}

/** Renders the table into `container`; the row of `selected` is highlighted. */
export function renderPropertiesTable(container, activations, selected, onSelect) {
  const head = el('tr', {}, el('th', { scope: 'col' }, t('prop.name')), ...COLUMNS.map((c) => el('th', { scope: 'col' }, t(`prop.${c}`))));
  const rows = activations.map((a) => {
    const name = el('button', { type: 'button', class: 'linklike', on: { click: () => onSelect(a.name) } }, a.label);
    return el('tr', { dataset: { row: a.name }, class: a.name === selected ? 'selected' : null, 'aria-current': a.name === selected ? 'true' : null },
      el('th', { scope: 'row' }, name),
      ...COLUMNS.map((c) => {
        const { text, yes } = cell(a, c);
        return el('td', { class: yes === null ? null : yes ? 'yes' : 'no', dataset: { prop: c } }, text);
      }));
  });
  container.replaceChildren(el('table', { class: 'properties' }, el('caption', {}, t('explore.properties')), el('thead', {}, head), el('tbody', {}, ...rows)));
}
