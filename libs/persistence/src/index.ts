export { createDataSource, type DataSourceSettings } from './data-source.factory.js';
export { checkDatabase } from './database.check.js';
export { bigintTransformer } from './bigint.transformer.js';
export { DatabaseModule } from './database.module.js';
export { DataSource } from 'typeorm';
export type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
