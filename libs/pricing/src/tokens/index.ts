// Counting tokens kt was never told about (a stream that ended without the upstream's usage).
export * from './token.encoding.js';
export * from './text.tokens.js';
export * from './chat.tokens.js';
