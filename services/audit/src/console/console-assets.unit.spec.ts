import { existsSync } from 'node:fs';
import { assetFile, pageFile } from './console-assets';

describe('console assets', () => {
  it('finds the page and Chart.js from the source tree', () => {
    expect(existsSync(pageFile().path)).toBe(true);
    const chart = assetFile('chart.umd.js');
    expect(chart && existsSync(chart.path)).toBe(true);
    expect(assetFile('console.css')).toMatchObject({ type: 'text/css; charset=utf-8' });
    expect(assetFile('console.app.js')).toMatchObject({ type: 'text/javascript; charset=utf-8' });
  });

  it('serves nothing outside the public folder, and no file it does not have', () => {
    for (const name of ['../console.module.ts', '..%2Fconsole.module.ts', 'index.html', 'missing.js', '.env', 'a..js', 'CONSOLE.APP.JS']) expect(assetFile(name)).toBeNull();
  });
});
