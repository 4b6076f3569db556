import { Injectable, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves reporting's OpenAPI description at `/docs` (UI) and `/docs-json`, covering every module's
 * controllers. As in the ledger, the shared bootstrap owns the app, so routes are added from here.
 */
@Injectable()
export class ReportingDocs implements OnApplicationBootstrap {
  constructor(
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const [first] = this.modules.values();
    if (first === undefined) return;
    // Every registered module holds the application's container; Nest does not inject it directly.
    const { container } = first as unknown as { readonly container: { readonly applicationConfig: unknown } };
    const app = {
      container,
      config: container.applicationConfig,
      getHttpAdapter: () => this.adapterHost.httpAdapter,
    } as unknown as INestApplication;
    const config = new DocumentBuilder()
      .setTitle('kt reporting')
      .setDescription(
        'Spend, provider mix, budgets, route events and exports for finance; audits and packs for ops. ' +
          'Every /v1 route needs "Authorization: Bearer <token>" (finance or admin).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build();
    SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
  }
}
