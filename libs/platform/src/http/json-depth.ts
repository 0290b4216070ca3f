/** How deep a JSON body may nest arrays and objects. A threat report is 3 deep. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found from its bytes without
 * parsing it: the validators walk a parsed body recursively, and 10,000 levels overflow the
 * stack. Brackets inside strings do not count. Works on UTF-8 bytes, where '"', '\', '[', '{',
 * ']' and '}' never occur inside a multi-byte character.
 */
export function nestsDeeperThan(json: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > limit) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** An error body-parser passes on as it is: its status, shown to the client (http-errors' `expose`). */
export function bodyError(status: number, message: string, type: string): Error {
  return Object.assign(new Error(message), { status, expose: true, type });
}

/**
 * body-parser's `verify` hook for JSON: runs on the raw bytes before JSON.parse. Refuses a body
 * nested deeper than `maxDepth` (400), and one not in UTF-8 (415: RFC 8259 requires UTF-8
 * between systems, and the depth scan reads UTF-8).
 */
export function verifyJsonBody(maxDepth: number) {
  return (_req: unknown, _res: unknown, buffer: Buffer, encoding: string): void => {
    if (encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
      throw bodyError(415, `Request body must be JSON in UTF-8, not ${encoding}`, 'charset.unsupported');
    }
    if (nestsDeeperThan(buffer, maxDepth)) {
      throw bodyError(400, `Request body nests arrays and objects deeper than ${maxDepth} levels`, 'entity.too.deep');
    }
  };
}
