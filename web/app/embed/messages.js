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
  if (!raw) return [ownOrigin];
  if (raw === '*') return ['*'];
  const out = [];
  for (const part of raw.split(',').slice(0, 16)) {
    try {
      const u = new URL(part.trim());
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === part.trim().replace(/\/$/, '')) out.push(u.origin);
    } catch {
      // not a URL: ignored
    }
  }
  return out.length ? out : [ownOrigin];
}

export function originAllowed(origin, allowed) {
  return allowed.includes('*') || allowed.includes(origin);
}

/** A command message, or null when the shape is wrong (unknown keys, wrong types, unknown type). */
export function readCommand(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return null;
  const keys = Object.keys(data);
  if (!keys.every((k) => k === 'type' || k === 'id')) return null;
  if (typeof data.type !== 'string' || !COMMANDS.includes(data.type)) return null;
  if ('id' in data && !(typeof data.id === 'string' && data.id.length <= 64) && !Number.isFinite(data.id)) return null;
  return { type: data.type, id: data.id };
}
