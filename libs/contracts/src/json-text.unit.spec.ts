import { parseJson } from './json-text';

describe('parseJson', () => {
  it('reads JSON', () => {
    expect(parseJson('{"a":[1,"b"]}')).toEqual({ ok: true, value: { a: [1, 'b'] } });
  });

  it.each([
    ['text that is not JSON at all', 'ASSET NIGHTJAR met the cell'],
    ['JSON cut short', '{"sources": ["ASSET NIGHTJAR"'],
    ['JSON with a stray character', '{"sources": ["ASSET NIGHTJAR"]}x'],
  ])('refuses %s without quoting any of it', (_case, text) => {
    const parsed = parseJson(text);
    expect(parsed).toEqual({ ok: false, errors: [expect.stringMatching(/^value is not JSON/)] });
    expect(JSON.stringify(parsed)).not.toMatch(/ASSET|NIGHTJAR|met the/);
  });

  it('says where the text stops being JSON when V8 can tell', () => {
    expect(parseJson('{"a": 1,}')).toEqual({ ok: false, errors: ['value is not JSON: invalid at position 8'] });
  });

  it('calls an empty value empty', () => {
    expect(parseJson(' ')).toEqual({ ok: false, errors: ['value is not JSON: it is empty'] });
  });
});
