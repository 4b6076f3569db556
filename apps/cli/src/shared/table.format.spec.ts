import { describe, expect, it } from 'vitest';
import { formatTable } from './table.format.js';

describe('formatTable', () => {
  it('lines columns up two spaces apart, right-aligning the columns asked for', () => {
    expect(
      formatTable(
        ['NAME', 'COUNT', 'NOTE'],
        [
          ['openai', '12', ''],
          ['azure', '3', 'slow'],
        ],
        { align: ['left', 'right'] },
      ),
    ).toBe(['NAME    COUNT  NOTE', 'openai     12', 'azure       3  slow', ''].join('\n'));
  });
});
