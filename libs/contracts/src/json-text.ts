import type { Validation } from './validation';

/**
 * JSON.parse for a message off the wire, whose error says where the text stops being JSON but
 * never what it says: V8's own message quotes the start of the text, which is the message's
 * content, and the error goes into a dead letter's reasons and the logs.
 */
export function parseJson(text: string): Validation<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    if (text.trim() === '') return { ok: false, errors: ['value is not JSON: it is empty'] };
    const position = /at position (\d+)/.exec((err as Error).message)?.[1];
    return { ok: false, errors: [position === undefined ? 'value is not JSON' : `value is not JSON: invalid at position ${position}`] };
  }
}
