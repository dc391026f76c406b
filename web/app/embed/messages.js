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
 * { field, value, reason } } naming the first thing that is wrong ('message',
 * 'keys', 'type' or 'id'), what was received and what is allowed. The value is
 * described by kind and size only ("a string of 7 characters", "an array of 1",
 * "2 other keys"): the reply echoes nothing of the message itself.
 */
export function checkCommand(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) {
    return rejection('message', describeValue(data), 'an object { type: "start" | "pause" | "reset", id? }');
  }
  const extra = Object.keys(data).filter((k) => k !== 'type' && k !== 'id').length;
  if (extra > 0) return rejection('keys', `${extra} other key${extra === 1 ? '' : 's'}`, 'only type and id');
  if (typeof data.type !== 'string' || !COMMANDS.includes(data.type)) return rejection('type', describeValue(data.type), COMMANDS.map((c) => `"${c}"`).join(' | '));
  if ('id' in data && !(typeof data.id === 'string' && data.id.length <= 64) && !Number.isFinite(data.id)) {
    return rejection('id', describeValue(data.id), 'a string of at most 64 characters or a finite number');
  }
  return { command: { type: data.type, id: data.id } };
}

/** A received value by kind and size, never its content ("a string of 7 characters", "an array of 3", "a Date"). */
export function describeValue(v) {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `a string of ${v.length} character${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : `a number that is not finite`;
  if (typeof v === 'boolean') return 'a boolean';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  const kind = typeof v === 'object' ? (Object.getPrototypeOf(v) === Object.prototype ? 'object' : Object.prototype.toString.call(v).slice(8, -1)) : typeof v;
  return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}

function rejection(field, value, allowed) {
  return { error: { field, value, reason: `${field}: ${value} is not allowed; expected ${allowed}` } };
}
