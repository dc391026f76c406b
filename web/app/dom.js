// Small DOM helpers. Text always goes in through textContent; attributes
// through setAttribute: no value ever reaches innerHTML.

/**
 * el('button', { class: 'x', dataset: { k: 'v' }, on: { click }, i18n: 'key' }, ...children)
 * Children are nodes or strings (inserted as text).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [type, fn] of Object.entries(v)) node.addEventListener(type, fn);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'i18n') node.dataset.i18n = v;
    else if (k === 'i18nAttr') node.dataset.i18nAttr = v;
    else if (k === 'i18nVars') node.dataset.i18nVars = JSON.stringify(v);
    else if (k === 'text') node.textContent = v;
    else if (k === 'value') node.value = v;
    else if (k === 'checked') node.checked = v;
    else if (k === 'style') node.style.cssText = String(v);   // CSSOM, not an inline style attribute: allowed by a strict CSP
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function svgEl(tag, attrs = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** Saves a Blob or data URL under a file name. */
export function download(name, content, type = 'application/octet-stream') {
  const url = typeof content === 'string' && content.startsWith('data:') ? content : URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  if (!url.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Replaces the children of a node. */
export function setChildren(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}
