import { describe, expect, it } from 'vitest';
import { SseDecoder, type SseEvent } from './sse.decoder.js';

function decodeAll(pieces: readonly (string | Uint8Array)[]): SseEvent[] {
  const decoder = new SseDecoder();
  return pieces.flatMap((piece) => decoder.push(piece));
}

describe('SseDecoder', () => {
  it.each<[string, readonly string[], SseEvent[]]>([
    [
      'reads bare data lines',
      ['data: {"a":1}\n\ndata: [DONE]\n\n'],
      [
        { event: null, data: '{"a":1}' },
        { event: null, data: '[DONE]' },
      ],
    ],
    ['reads named events', ['event: ping\ndata: {}\n\n'], [{ event: 'ping', data: '{}' }]],
    ['joins multi-line data with newlines', ['data: a\ndata: b\n\n'], [{ event: null, data: 'a\nb' }]],
    ['handles CRLF line ends', ['event: x\r\ndata: y\r\n\r\n'], [{ event: 'x', data: 'y' }]],
    ['handles CRLF split across pieces', ['data: y\r', '\n\r', '\n'], [{ event: null, data: 'y' }]],
    [
      'handles bare CR line ends',
      ['data: y\r\r', 'data: z\r\r', '\n'],
      [
        { event: null, data: 'y' },
        { event: null, data: 'z' },
      ],
    ],
    [
      'reassembles events split anywhere',
      ['da', 'ta: {"x"', ':2}\n', '\n'],
      [{ event: null, data: '{"x":2}' }],
    ],
    [
      'skips comments and unknown fields',
      [': keep-alive\nid: 7\nretry: 10\ndata: z\n\n'],
      [{ event: null, data: 'z' }],
    ],
    ['keeps data without a space after the colon', ['data:tight\n\n'], [{ event: null, data: 'tight' }]],
    ['ignores an event without data', ['event: lonely\n\n'], []],
    ['does not dispatch an unterminated event', ['data: half'], []],
  ])('%s', (_name, pieces, expected) => {
    expect(decodeAll(pieces)).toEqual(expected);
  });

  it('decodes a UTF-8 character split between network chunks', () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    expect(decodeAll([bytes.slice(0, split), bytes.slice(split)])).toEqual([{ event: null, data: 'café' }]);
  });

  it('reports pending bytes when the body stops mid-event', () => {
    const decoder = new SseDecoder();
    decoder.push('data: {"x":1}\n\ndata: {"y"');
    expect(decoder.pending).toBe(true);
    decoder.push(':2}\n\n');
    expect(decoder.pending).toBe(false);
  });
});
