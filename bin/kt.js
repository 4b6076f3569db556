#!/usr/bin/env node
import './node-warnings.js';
import './register.js';

await import(new URL('../apps/cli/src/main.ts', import.meta.url).href);
