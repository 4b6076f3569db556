import { Injectable, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves the ledger's OpenAPI description at `/docs` (UI) and `/docs-json`. The shared bootstrap
 * owns the app, so the routes are added from here, before the server starts listening; Swagger only
 * reads the container, the app config and the HTTP adapter from the app it is given.
 */
@Injectable()
export class BudgetDocs implements OnApplicationBootstrap {
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
      .setTitle('kt ledger')
      .setDescription('Budgets (definitions are events on kt.budget-events.v1) and spend of the kt gateway')
      .setVersion('1')
      .build();
    SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
  }
}
