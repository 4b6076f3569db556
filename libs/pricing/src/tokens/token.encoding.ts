/** The BPE vocabularies kt can count with (both from `gpt-tokenizer`). */
export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface TokenEncoding {
  readonly name: EncodingName;
  /**
   * True when this is the vocabulary the model really uses (the OpenAI family). False for every
   * other vendor: no offline tokenizer exists for Claude and the like, so o200k stands in and the
   * count is an estimate of the same order, not the vendor's own number.
   */
  readonly exact: boolean;
}

/** Vendors that run OpenAI's own models, whose tokenizers are public. */
const OPENAI_FAMILY = new Set(['openai', 'azure', 'openai-compatible']);
/** gpt-4 (not 4o / 4.1 / 4.5), gpt-3.5 and the text-embedding-3 / ada-002 models use cl100k. */
const CL100K = /^(gpt-4(?![o.])|gpt-3\.5|text-embedding-(3|ada-002))/;

/**
 * The vocabulary to count `model`'s tokens with: cl100k for gpt-4, gpt-3.5 and text-embedding-3,
 * o200k for gpt-4o/4.1/5, the o-series and every model it does not know (the newest vocabulary is
 * the best guess for a new model).
 */
export function encodingFor(model: string, vendor: string): TokenEncoding {
  const id = model.toLowerCase().replace(/^.*\//, '');
  const exact = OPENAI_FAMILY.has(vendor);
  return { name: exact && CL100K.test(id) ? 'cl100k_base' : 'o200k_base', exact };
}

type CountTokens = (text: string) => number;

const loaded = new Map<EncodingName, Promise<CountTokens>>();

/**
 * A token counter for `name`, loaded on first use and kept: each vocabulary is megabytes of
 * merge tables that a gateway which never needs to count should not pay for at start-up.
 * Special-token markers such as `<|endoftext|>` in user text count as plain text, never throw.
 * A load that fails is forgotten, so the next call tries again instead of failing for the life
 * of the process (`load` is replaceable for tests only).
 */
export function tokenCounter(
  name: EncodingName,
  load: (name: EncodingName) => Promise<Encoding> = importEncoding,
): Promise<CountTokens> {
  let counter = loaded.get(name);
  if (counter === undefined) {
    const loading = load(name).then((encoding) => {
      const options = { disallowedSpecial: new Set<string>() };
      return (text: string) => encoding.countTokens(text, options);
    });
    loading.catch(() => {
      if (loaded.get(name) === loading) loaded.delete(name);
    });
    loaded.set(name, loading);
    counter = loading;
  }
  return counter;
}

export interface Encoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

function importEncoding(name: EncodingName): Promise<Encoding> {
  // Literal specifiers, so bundlers and the module resolver see both entry points.
  return name === 'cl100k_base'
    ? import('gpt-tokenizer/encoding/cl100k_base')
    : import('gpt-tokenizer/encoding/o200k_base');
}
