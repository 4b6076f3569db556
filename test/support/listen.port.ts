import { isPortFree } from '@kt/local-infra';

/**
 * Linux hands out 32768–60999 as the local ports of outgoing connections (ip_local_port_range). A
 * port picked there as "free" can become the local end of some process's Kafka or HTTP connection
 * before the service under test binds it (EADDRINUSE: a CI run failed that way). Services the tests
 * start listen below that range instead, at a random port nothing listens on.
 */
const LOW = 20_000;
const HIGH = 32_000;

export async function listenPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free TCP port between ${LOW} and ${HIGH}`);
}
