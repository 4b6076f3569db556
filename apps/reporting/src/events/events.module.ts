import { Module } from '@nestjs/common';
import { EventsController } from './events.controller.js';
import { EventsExporter } from './events.exporter.js';
import { EventsSearch } from './events.search.js';

@Module({ controllers: [EventsController], providers: [EventsSearch, EventsExporter] })
export class EventsModule {}
