import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusModule, KAFKA, type BusClient } from '@kt/bus';
import { freePort } from '@kt/local-infra';
import { DatabaseModule, DataSource } from '@kt/persistence';
import { HealthModule, ReadinessService } from '@kt/service';
import { describe, expect, it } from 'vitest';
import { databaseUrl, kafkaBrokers } from '../setup/infra.js';
import { rawKafka } from '../support/kafka.client.js';

@Module({})
class AppModule {
  static with(brokers: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        BusModule.forRoot({ clientId: 'kt-infra-test', brokers }),
        DatabaseModule.forRoot({ url: databaseUrl(), applicationName: 'kt-infra-test' }),
      ],
    };
  }
}

describe('BusModule and DatabaseModule in a Nest app', () => {
  it('provide a Kafka client and an open DataSource, report both ready, and close the pool on shutdown', async () => {
    const app = await NestFactory.createApplicationContext(AppModule.with(kafkaBrokers()), { logger: false });
    const ds = app.get(DataSource);
    try {
      expect(ds.isInitialized).toBe(true);
      expect(typeof rawKafka(app.get<BusClient>(KAFKA)).admin).toBe('function');
      await expect(app.get(ReadinessService).report()).resolves.toEqual({
        ready: true,
        checks: { kafka: true, database: true },
      });
    } finally {
      await app.close();
    }
    expect(ds.isInitialized).toBe(false);
  });

  it('report Kafka not ready, without waiting for retries, when no broker answers', async () => {
    const nowhere = `localhost:${await freePort(19198)}`;
    const app = await NestFactory.createApplicationContext(AppModule.with(nowhere), { logger: false });
    try {
      const began = Date.now();
      await expect(app.get(ReadinessService).report()).resolves.toEqual({
        ready: false,
        checks: { kafka: false, database: true },
      });
      expect(Date.now() - began).toBeLessThan(2_000);
    } finally {
      await app.close();
    }
  });
});
