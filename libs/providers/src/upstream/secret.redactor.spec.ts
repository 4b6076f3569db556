import { describe, expect, it } from 'vitest';
import { redactSecrets } from './secret.redactor.js';

describe('redactSecrets', () => {
  it.each([
    [
      'removes the exact api key',
      'bad key abc123secretXYZ here',
      'abc123secretXYZ',
      'bad key [redacted] here',
    ],
    [
      'removes OpenAI-shaped keys',
      'Incorrect API key provided: sk-proj-abc***wxyz.',
      'other',
      'Incorrect API key provided: [redacted].',
    ],
    ['removes Anthropic-shaped keys', 'key sk-ant-api03-AAAAAAAA invalid', 'other', 'key [redacted] invalid'],
    [
      'removes key query parameters',
      'GET /x?api-key=s3cr3t&v=1 failed',
      'other',
      'GET /x?api-key=[redacted]&v=1 failed',
    ],
    ['leaves ordinary text alone', 'model overloaded', 'abcd1234', 'model overloaded'],
  ])('%s', (_name, text, key, expected) => {
    expect(redactSecrets(text, key)).toBe(expected);
  });

  it('cuts long text to a short message', () => {
    const out = redactSecrets('x'.repeat(5000), 'key-1234');
    expect(out.length).toBe(300);
    expect(out.endsWith('…')).toBe(true);
  });
});
