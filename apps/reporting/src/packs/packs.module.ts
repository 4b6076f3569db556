import { Module } from '@nestjs/common';
import { PackHistoryReader } from './pack-history.reader.js';
import { PackPublisher } from './pack.publisher.js';
import { PacksController } from './packs.controller.js';
import { YamlBodyParser } from './yaml-body.parser.js';

/** `POST /v1/packs` (admin), `GET /v1/packs`, `GET /v1/packs/current`: apply packs and read their history. */
@Module({
  controllers: [PacksController],
  providers: [PackPublisher, PackHistoryReader, YamlBodyParser],
})
export class PacksModule {}
