// Vite plugin for the lab page: the page's entry (web/app/entry.js) starts the
// training worker and only then imports the rest of the page (main.js)
// dynamically, so the browser learns of main.js's chunks only once the entry
// has run. This adds <link rel="modulepreload"> (and rel="preload" for their
// CSS) to the page's head for the chunks of the entry's dynamic imports and
// their static imports, so they are fetched and parsed while the entry and the
// worker start. Preloading neither runs a module nor changes the order in
// which modules run. Lazy imports of those chunks (main.js's own dynamic
// imports: the page's lab, the test hook) are not preloaded.

/** @param {{ page?: string }} [options] page: the HTML file's path in the site ('/index.html') */
export function preloadEntryImports({ page = '/index.html' } = {}) {
  return {
    name: 'alab-preload-entry-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.path !== page || !ctx.bundle || !ctx.chunk) return undefined;
        // a chunk and every chunk it imports statically, into `into` (less those in `skip`)
        const closure = (fileName, into, skip = new Set()) => {
          const chunk = ctx.bundle[fileName];
          if (!chunk || chunk.type !== 'chunk' || into.has(fileName) || skip.has(fileName)) return into;
          into.add(fileName);
          for (const imported of chunk.imports) closure(imported, into, skip);
          return into;
        };
        const inHead = closure(ctx.chunk.fileName, new Set());   // the entry's own, preloaded by Vite
        const chunks = new Set();
        for (const fileName of ctx.chunk.dynamicImports) closure(fileName, chunks, inHead);
        const css = [...chunks].flatMap((f) => [...(ctx.bundle[f].viteMetadata?.importedCss ?? [])]);
        const base = page.slice(0, page.lastIndexOf('/') + 1);
        const href = (fileName) => `.${base}${fileName}`;
        return [
          ...[...chunks].map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: href(f) }, injectTo: 'head' })),
          ...[...new Set(css)].map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: href(f) }, injectTo: 'head' })),
        ];
      },
    },
  };
}
