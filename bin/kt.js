#!/usr/bin/env node
import './register.js';

await import(new URL('../apps/cli/src/main.ts', import.meta.url).href);
