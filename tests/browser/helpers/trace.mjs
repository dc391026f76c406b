// Main-thread CPU time of the page's tasks, from a Chrome trace (CDP Tracing,
// category 'toplevel'): each RunTask event carries its wall time (dur) and the
// thread's CPU time (tdur). On a machine shared with other work a task's wall
// time includes the time the thread was descheduled; its CPU time does not.
// The page's performance.mark() calls (category 'blink.user_timing') come
// back on the same clock, so a task can be told by the mark before it.

/**
 * Starts tracing the page's browser; returns stop() → [{ start, wallMs, cpuMs }]
 * of the renderer main threads, with a `marks` property: [{ start, name }] of
 * their performance.mark() calls, in time order (start: ms on the trace's clock).
 */
export async function traceMainThread(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel,blink.user_timing,__metadata', transferMode: 'ReturnAsStream', options: 'record-continuously' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const events = JSON.parse(text).traceEvents ?? JSON.parse(text);
    const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = events
      .filter((e) => e.ph === 'X' && /RunTask/.test(e.name) && main.has(`${e.pid}:${e.tid}`) && typeof e.dur === 'number')
      .map((e) => ({ start: e.ts / 1000, wallMs: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000 }));
    tasks.marks = events
      .filter((e) => e.cat?.includes('blink.user_timing') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'X') && main.has(`${e.pid}:${e.tid}`))
      .map((e) => ({ start: e.ts / 1000, name: e.name }))
      .sort((a, b) => a.start - b.start);
    return tasks;
  };
}
