import { Controller, Get, Header, NotFoundException, Param, Res, StreamableFile } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { ApiExcludeController } from '@nestjs/swagger';
import { identityProviderOptions, Public } from '@forewarn/platform';
import { assetFile, pageFile } from './console-assets';

/** The public client the console is registered as at the identity provider (authorization code + PKCE). */
const clientId = () => process.env.FOREWARN_CONSOLE_CLIENT_ID || 'forewarn-console';

/**
 * The token lives in sessionStorage: no inline script, no other origin, no framing. The one
 * other origin the page talks to is the identity provider's (discovery and its token endpoint).
 */
function contentSecurityPolicy(): string {
  const provider = identityProviderOptions();
  const connect = provider ? `'self' ${new URL(provider.issuer).origin}` : "'self'";
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src ${connect}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

/**
 * The page and its files are public: they carry no data. People sign in at their organisation's
 * identity provider (the page runs the authorization code flow with PKCE, and sends the access
 * token it gets to the APIs); in development mode without a provider, a development token can be
 * pasted instead. Every number the page shows comes from a guarded endpoint.
 */
// The page and its assets, not an API: left out of docs/openapi/audit.json.
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsolePageController {
  @Get()
  @Header('Cache-Control', 'no-cache')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@Res({ passthrough: true }) res: ServerResponse): Promise<StreamableFile> {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy());
    const { path, type } = pageFile();
    return new StreamableFile(await readFile(path), { type });
  }

  /** Where and as whom the page signs people in; no provider: paste a development token. */
  @Get('sign-in')
  @Header('Cache-Control', 'no-cache')
  signIn(): { issuer: string; clientId: string; audience: string } | { issuer: null } {
    const provider = identityProviderOptions();
    return provider ? { issuer: provider.issuer, clientId: clientId(), audience: provider.audience } : { issuer: null };
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
