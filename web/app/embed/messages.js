// The embed's postMessage contract, validated on both ends.
//
// parent → embed: { type: 'start' | 'pause' | 'reset' }   (optionally { id: string|number } echoed back)
// embed → parent: { source: 'activation-lab', type: 'ready' | 'state' | 'progress' | 'ack' | 'rejected', experiment, ... }
//
// Commands are accepted only from allowed origins: by default the embed's own
// origin; `origins=https://a.example,https://b.example` in the embed URL
// widens it; `origins=*` accepts any (use only for public demos).

export const COMMANDS = ['start', 'pause', 'reset'];
export const SOURCE = 'activation-lab';

/** Parses the `origins` URL value into a list of origins ('*' allowed alone). Invalid entries are dropped. */
export function parseAllowedOrigins(raw, ownOrigin) {
  return readAllowedOrigins(raw, ownOrigin).origins;
}

/** parseAllowedOrigins with the entries it dropped: { origins, dropped } (dropped: at most 16 entries are read). */
export function readAllowedOrigins(raw, ownOrigin) {
  if (!raw) return { origins: [ownOrigin], dropped: [] };
  if (raw === '*') return { origins: ['*'], dropped: [] };
  const out = [];
  const dropped = [];
  for (const part of raw.split(',').slice(0, 16)) {
    try {
      const u = new URL(part.trim());
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === part.trim().replace(/\/$/, '')) out.push(u.origin);
      else dropped.push(part);
    } catch {
      dropped.push(part);   // not a URL
    }
  }
  return { origins: out.length ? out : [ownOrigin], dropped };
}

export function originAllowed(origin, allowed) {
  return allowed.includes('*') || allowed.includes(origin);
}

/** A command message, or null when the shape is wrong (unknown keys, wrong types, unknown type). */
export function readCommand(data) {
  return checkCommand(data).command ?? null;
}

/**
 * Checks a message from the parent: { command: { type, id } }, or { error:
 * { field, value, allowed, reason } } naming the first thing that is wrong,
 * the value received (short: a string is cut at 40 characters, other objects
 * are named by kind) and what is allowed, for the 'rejected' answer.
 */
export function checkCommand(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) {
    return rejection('message', data, 'an object { type: "start" | "pause" | "reset", id? }');
  }
  const extra = Object.keys(data).find((k) => k !== 'type' && k !== 'id');
  if (extra !== undefined) return rejection(clip(extra), data[extra], 'no other keys than type and id');
  if (typeof data.type !== 'string' || !COMMANDS.includes(data.type)) return rejection('type', data.type, COMMANDS.map((c) => `"${c}"`).join(' | '));
  if ('id' in data && !(typeof data.id === 'string' && data.id.length <= 64) && !Number.isFinite(data.id)) {
    return rejection('id', data.id, 'a string of at most 64 characters or a finite number');
  }
  return { command: { type: data.type, id: data.id } };
}

const clip = (s) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** A received value in a few words: never the whole of a huge one. */
export function describeValue(v) {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(clip(v)) + (v.length > 40 ? ` (${v.length} characters)` : '');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return Object.getPrototypeOf(v) === Object.prototype ? 'an object' : `a ${Object.prototype.toString.call(v).slice(8, -1)}`;
  return `a ${typeof v}`;
}

function rejection(field, value, allowed) {
  const v = describeValue(value);
  return { error: { field, value: v, allowed, reason: `${field}: ${v} is not allowed; expected ${allowed}` } };
}
