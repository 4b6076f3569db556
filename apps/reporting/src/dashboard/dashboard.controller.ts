import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardAsset } from './dashboard.assets.js';

export const DASHBOARD_ASSETS = Symbol('DASHBOARD_ASSETS');

/** The page may load only its own files and call only its own origin: API data can never run as code. */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Public static files of the finance dashboard; its data calls go to `/v1/*` with the user's token. */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(DASHBOARD_ASSETS) private readonly assets: ReadonlyMap<string, DashboardAsset>) {}

  @Get()
  page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    void reply.header('content-security-policy', PAGE_POLICY);
    this.send('dashboard.html', request, reply);
  }

  @Get('assets/:name')
  file(@Param('name') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (name === 'dashboard.html') throw new NotFoundException();
    this.send(name, request, reply);
  }

  private send(name: string, request: FastifyRequest, reply: FastifyReply): void {
    const found = this.assets.get(name);
    if (found === undefined) throw new NotFoundException(`no dashboard file named ${name}`);
    // Revalidate every time: files change with a deploy and the ETag makes the check cheap.
    void reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('etag', found.etag);
    if (request.headers['if-none-match'] === found.etag) {
      void reply.code(304).send();
      return;
    }
    void reply.type(found.contentType).send(found.body);
  }
}
