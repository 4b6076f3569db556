import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/admin-only.decorator.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/reporting-tokens.parse.js';
import { AuditRequestError, parseAuditRequest } from './audit-request.parse.js';
import { AuditRunner } from './audit.runner.js';
import { AuditLimitError, AuditStore } from './audit.store.js';
import { auditView, type AuditView } from './audit.view.js';

/** Audit replay: admin only, since it reads the whole event log of a range. */
@ApiTags('audits')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'a finance token: audits need an admin token' })
@Controller('v1/audits')
@AdminOnly()
export class AuditController {
  constructor(
    private readonly runner: AuditRunner,
    private readonly store: AuditStore,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'replay the route events of [since, until) into a scratch projection and compare with the ledger',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['since'],
      properties: {
        since: {
          type: 'string',
          example: '24h',
          description: 'a duration ago (15m, 24h, 30d, 2w) or RFC 3339',
        },
        until: { type: 'string', example: '2026-11-24T00:00:00Z', description: 'exclusive; default now' },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'the audit, status "running"; poll GET /v1/audits/{id}' })
  @ApiBadRequestResponse({ description: 'invalid_parameter, naming the field in error.param' })
  @ApiTooManyRequestsResponse({ description: 'too_many_audits: two are running already' })
  start(@Body() body: unknown, @CurrentCaller() caller: Caller): AuditView {
    try {
      return auditView(this.runner.start(parseAuditRequest(body, new Date()), caller.name));
    } catch (error) {
      if (error instanceof AuditRequestError) throw invalid(error.param, error.message);
      if (error instanceof AuditLimitError) throw busy(error.message);
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'the audits remembered (in memory, the most recent), newest first' })
  @ApiOkResponse({ description: '{ audits: [...] }' })
  list(): { audits: AuditView[] } {
    return { audits: this.store.list().map(auditView) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'an audit: progress, totals side by side (overall and per provider), differences',
  })
  @ApiOkResponse({ description: 'see docs/reporting.md, "Audit replay"' })
  @ApiNotFoundResponse({ description: 'audit_not_found: unknown, or forgotten (audits are kept in memory)' })
  get(@Param('id') id: string): AuditView {
    const audit = this.store.get(id);
    if (!audit) {
      throw new HttpException(
        {
          error: {
            type: 'not_found_error',
            code: 'audit_not_found',
            message: `no audit ${id} (audits are kept in memory; recent ones only)`,
          },
        },
        HttpStatus.NOT_FOUND,
      );
    }
    return auditView(audit);
  }
}

function invalid(param: string, message: string): HttpException {
  return new HttpException(
    { error: { type: 'invalid_request_error', code: 'invalid_parameter', param, message } },
    HttpStatus.BAD_REQUEST,
  );
}

function busy(message: string): HttpException {
  return new HttpException(
    { error: { type: 'rate_limit_error', code: 'too_many_audits', message } },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
