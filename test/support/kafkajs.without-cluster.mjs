// Test-only preload (`NODE_OPTIONS=--import <this file>`, set by the test that starts the process,
// never by kt): kafkajs' Kafka instances stop listing their private cluster factory, as after an
// upgrade that moved kafkajs' internals. kafkajs itself still reaches it (`this[symbol]` works), so
// producing, consuming and the admin client run as usual; only kt's topic-id lookup
// (libs/bus/src/topic.id.ts), which has to find that factory, fails.
// kafkajs is CommonJS: patching its exports object here is what every later import of it sees.
import { createRequire } from 'node:module';

const kafkajs = createRequire(import.meta.url)('kafkajs');

const Original = kafkajs.Kafka;
const hidden = (key) => typeof key === 'symbol' && key.description === 'private:Kafka:createCluster';

kafkajs.Kafka = class Kafka extends Original {
  constructor(config) {
    super(config);
    return new Proxy(this, { ownKeys: (target) => Reflect.ownKeys(target).filter((k) => !hidden(k)) });
  }
};
