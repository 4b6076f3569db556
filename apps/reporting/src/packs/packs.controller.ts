import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { utcNow } from '@kt/contracts';
import { validatePackReferences } from '@kt/pack';
import { AdminOnly } from '../auth/admin-only.decorator.js';
import { CurrentCaller } from '../auth/caller.decorator.js';
import type { Caller } from '../auth/reporting-tokens.parse.js';
import { PackHistoryReader } from './pack-history.reader.js';
import { PackPublisher } from './pack.publisher.js';
import { packAppliedEvent, toPackContentView, toPackView, type PackContentView, type PackView } from './pack.view.js';
import { invalidName, invalidPack, noPack, notYaml } from './packs.errors.js';
import { YAML_CONTENT_TYPES } from './yaml-body.parser.js';

export interface AppliedPack {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly applied_at: string;
  readonly applied_by: string;
}

const NAME_QUERY = { name: 'name', required: false, description: 'only packs of this name' } as const;

@ApiTags('packs')
@ApiBearerAuth()
@Controller('v1/packs')
export class PacksController {
  constructor(
    @Inject(PackPublisher) private readonly publisher: PackPublisher,
    @Inject(PackHistoryReader) private readonly reader: PackHistoryReader,
  ) {}

  @Post()
  @AdminOnly()
  @HttpCode(201)
  @ApiOperation({
    summary: 'validate a pack and publish it on kt.pack-events.v1: every gateway hot-reloads it',
  })
  @ApiConsumes(...YAML_CONTENT_TYPES)
  @ApiBody({ description: 'the pack YAML text', schema: { type: 'string' } })
  @ApiHeader({ name: 'x-kt-client', required: false, description: '"kt-cli" records the source as cli' })
  @ApiCreatedResponse({ description: '{ name, version, sha256, applied_at, applied_by }' })
  @ApiBadRequestResponse({ description: 'invalid pack: error.errors lists every problem by path' })
  @ApiForbiddenResponse({ description: 'a finance token' })
  async apply(
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
    @Headers('x-kt-client') client?: string,
  ): Promise<AppliedPack> {
    if (typeof body !== 'string' || body.trim() === '') throw notYaml();
    // `${VAR}` stays a reference: reporting's environment (its database URL, its tokens, its broker)
    // is not the gateways', which substitute their own; nothing of it may reach an answer.
    const result = validatePackReferences(body, 'POST /v1/packs');
    if (!result.ok) throw invalidPack(result.errors);
    const event = packAppliedEvent(result.identity, body, caller.name, client === 'kt-cli' ? 'cli' : 'api', utcNow());
    await this.publisher.publish(event);
    const { name, version, sha256, applied_at, applied_by } = toPackView(event);
    return { name, version, sha256, applied_at, applied_by };
  }

  @Get()
  @ApiOperation({ summary: 'the pack history (config audit trail), newest first' })
  @ApiQuery(NAME_QUERY)
  @ApiOkResponse({ description: '{ packs: [{ name, version, sha256, applied_at, applied_by, source, event_id }] }' })
  async history(@Query('name') name?: string): Promise<{ packs: PackView[] }> {
    const events = await this.reader.history(checkedName(name));
    return { packs: events.map(toPackView) };
  }

  @Get('current')
  @ApiOperation({ summary: 'the latest applied pack (of a name), with its YAML text' })
  @ApiQuery(NAME_QUERY)
  @ApiOkResponse({ description: '{ name, version, sha256, applied_at, applied_by, source, event_id, content }' })
  @ApiNotFoundResponse({ description: 'no pack (of that name) was ever applied' })
  async current(@Query('name') name?: string): Promise<PackContentView> {
    const wanted = checkedName(name);
    const [latest] = await this.reader.history(wanted);
    if (latest === undefined) throw noPack(wanted);
    return toPackContentView(latest);
  }
}

function checkedName(name: unknown): string | undefined {
  if (name === undefined) return undefined;
  // Pack names are free text in the pack model; only an empty or repeated parameter is refused.
  if (typeof name !== 'string' || name.trim() === '') throw invalidName(String(name));
  return name;
}
