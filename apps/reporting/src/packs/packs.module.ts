import { Module, type DynamicModule } from '@nestjs/common';
import { PackSigner, SIGNING_KEY_VAR } from '@kt/pack';
import { PackHistoryReader } from './pack-history.reader.js';
import { PACK_SIGNER, PackPublisher } from './pack.publisher.js';
import { PacksController } from './packs.controller.js';
import { YamlBodyParser } from './yaml-body.parser.js';

/** `POST /v1/packs` (admin), `GET /v1/packs`, `GET /v1/packs/current`: apply packs and read their history. */
@Module({})
export class PacksModule {
  /** `signingKeyFile`: `KT_PACK_SIGNING_KEY_FILE` from the service's validated environment. */
  static forRoot(signingKeyFile: string | undefined): DynamicModule {
    return {
      module: PacksModule,
      controllers: [PacksController],
      providers: [
        // Read at boot: an unreadable or non-Ed25519 key stops reporting, naming the variable.
        {
          provide: PACK_SIGNER,
          useFactory: (): PackSigner | null => PackSigner.fromEnv({ [SIGNING_KEY_VAR]: signingKeyFile }) ?? null,
        },
        PackPublisher,
        PackHistoryReader,
        YamlBodyParser,
      ],
    };
  }
}
