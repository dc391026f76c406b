// The lessons' own worker: runs a lesson (web/lib/lessons.js) from its seed
// off the page thread, so a ten-second lesson never blocks drawing or the
// training worker. One lesson at a time; results are cached by id.
//   page → worker {type:'lesson', id}     worker → page {type:'lesson-done', id, result} | {type:'lesson-error', id, message}
import { loadLab } from '../../lib/browser.js';

const labReady = loadLab();
const cache = new Map();

self.onmessage = async (event) => {
  const { type, id } = event.data ?? {};
  if (type !== 'lesson') return;
  try {
    const lab = await labReady;
    if (!cache.has(id)) cache.set(id, lab.runLesson(id));
    self.postMessage({ type: 'lesson-done', id, result: cache.get(id) });
  } catch (error) {
    self.postMessage({ type: 'lesson-error', id, message: error.message });
  }
};
