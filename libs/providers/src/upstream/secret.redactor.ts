const MAX_MESSAGE_LENGTH = 300;
// Key-looking tokens (OpenAI `sk-…`, Anthropic `sk-ant-…`) and key-carrying query parameters.
const KEY_LIKE = /\bsk-[A-Za-z0-9_*-]{6,}/g;
const KEY_PARAM = /([?&](?:api[-_]?key|key|token|sig|signature|access_token)=)[^&\s"']+/gi;

/**
 * Makes upstream text safe for errors, logs and events: the caller's api key, anything shaped like
 * a key and key-bearing URL parameters are replaced, and the text is cut to a short length.
 */
export function redactSecrets(text: string, apiKey: string): string {
  let safe = apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text;
  safe = safe.replace(KEY_LIKE, '[redacted]').replace(KEY_PARAM, '$1[redacted]');
  return safe.length > MAX_MESSAGE_LENGTH ? `${safe.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : safe;
}
