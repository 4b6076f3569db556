#!/usr/bin/env node
// Starts one kt service by name (`kt-service gateway`): the one entry point of the container image.
import './node-warnings.js';
import './register.js';

const SERVICES = ['gateway', 'ledger', 'prober', 'reporting', 'provider-sim'];
const [name, ...rest] = process.argv.slice(2);
if (!SERVICES.includes(name)) {
  process.stderr.write(`usage: kt-service <${SERVICES.join('|')}> [args]\n`);
  process.exit(2);
}
process.argv = [process.argv[0], name, ...rest];
await import(new URL(`../apps/${name}/src/main.ts`, import.meta.url).href);
