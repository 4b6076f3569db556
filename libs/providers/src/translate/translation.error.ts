/**
 * A request that cannot be expressed in the other vendor's API (an audio part for Anthropic, an
 * OpenAI file id, …). `param` is the path of the offending field, as OpenAI errors name it.
 */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';

  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
  }
}
