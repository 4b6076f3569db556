import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LedgerRoles } from '../auth/ledger-roles.decorator.js';
import { LedgerVerifier, type VerifyReport } from '../verify/ledger.verifier.js';
import { verifyTimeoutMs } from '../verify/verify.timeout.js';
import { LedgerRebuilder } from './ledger.rebuilder.js';
import type { RebuildJob } from './rebuild.job.js';

@ApiTags('admin')
@ApiBearerAuth()
@LedgerRoles('admin')
@Controller('v1/admin')
export class AdminController {
  constructor(
    private readonly rebuilder: LedgerRebuilder,
    private readonly verifier: LedgerVerifier,
  ) {}

  @Post('rebuild')
  @HttpCode(202)
  rebuild(): RebuildJob {
    return this.rebuilder.start();
  }

  @Get('rebuild/:id')
  progress(@Param('id') id: string): RebuildJob {
    const job = this.rebuilder.job(id);
    if (!job) throw new NotFoundException(`no rebuild job ${id}`);
    return job;
  }

  @Get('verify')
  verify(@Query('timeout_ms') timeoutMs?: string): Promise<VerifyReport> {
    return this.verifier.verify(verifyTimeoutMs(timeoutMs));
  }
}
