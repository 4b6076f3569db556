import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type INestApplication,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface ApiDocsOptions {
  readonly title: string;
  readonly description: string;
  /** Documents `Authorization: Bearer <token>` on the API. */
  readonly bearerAuth?: boolean;
}

const API_DOCS_OPTIONS = Symbol('API_DOCS_OPTIONS');

/**
 * Serves the service's OpenAPI description at `/docs` (UI) and `/docs-json`, covering every module's
 * controllers. The shared bootstrap owns the app, so the routes are added from here, before the server
 * listens; Swagger only reads the container, the app config and the HTTP adapter from the app it is given.
 */
@Injectable()
class ApiDocs implements OnApplicationBootstrap {
  constructor(
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_DOCS_OPTIONS) private readonly options: ApiDocsOptions,
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
    const builder = new DocumentBuilder()
      .setTitle(this.options.title)
      .setDescription(this.options.description)
      .setVersion('1');
    const config = (this.options.bearerAuth === true ? builder.addBearerAuth() : builder).build();
    SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
  }
}

/** `ApiDocsModule.forRoot({title, description})`: `/docs` for a service started by `bootstrapService`. */
@Module({})
export class ApiDocsModule {
  static forRoot(options: ApiDocsOptions): DynamicModule {
    return {
      module: ApiDocsModule,
      providers: [{ provide: API_DOCS_OPTIONS, useValue: options }, ApiDocs],
    };
  }
}
