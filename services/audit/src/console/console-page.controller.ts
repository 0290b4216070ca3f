import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Public } from '@forewarn/platform';
import { assetFile, pageFile } from './console-assets';

// The token lives in sessionStorage: no inline script, no other origin, no framing.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The page and its files are public: they carry no data, and the page logs in client-side with
 * the same bearer tokens as the APIs. Every number it shows comes from a guarded endpoint.
 */
@Public()
@Controller('console')
export class ConsolePageController {
  @Get()
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  async page(): Promise<StreamableFile> {
    const { path, type } = pageFile();
    return new StreamableFile(await readFile(path), { type });
  }

  @Get('assets/:name')
  @Header('Cache-Control', 'no-cache')
  @Header('X-Content-Type-Options', 'nosniff')
  async asset(@Param('name') name: string): Promise<StreamableFile> {
    const file = assetFile(name);
    if (!file) throw new NotFoundException(`no console asset ${name}`);
    return new StreamableFile(await readFile(file.path), { type: file.type });
  }
}
