// Main-thread JS heap of a page after a full garbage collection, through the
// Chrome DevTools Protocol (HeapProfiler.collectGarbage, Runtime.getHeapUsage).
// Used by the soak tests and `npm run soak`.

/** Returns an async () => bytes of the page's JS heap after GC. */
export async function heapMeter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  return async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  };
}

export const MB = (b) => `${(b / 1e6).toFixed(1)} MB`;
