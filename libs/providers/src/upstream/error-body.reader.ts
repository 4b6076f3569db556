import type { AnthropicErrorBody } from '../anthropic/anthropic.types.js';
import type { OpenAIErrorBody } from '../openai/openai.types.js';
import { anthropicErrorToOpenAI, openAIErrorType } from '../translate/error.translate.js';
import { redactSecrets } from './secret.redactor.js';

/**
 * The upstream's error answer in OpenAI shape, whatever dialect it came in (OpenAI, Azure,
 * Anthropic, or plain text from a proxy), with secrets redacted.
 */
export function readErrorBody(text: string, status: number, apiKey: string): OpenAIErrorBody {
  const parsed = parseJson(text);
  const body = isRecord(parsed) ? toOpenAIError(parsed, status) : null;
  const fallback = text.trim() === '' ? `HTTP ${status}` : text.trim();
  const error = body?.error ?? { message: fallback, type: openAIErrorType(status), param: null, code: null };
  return { error: { ...error, message: redactSecrets(error.message, apiKey) } };
}

function toOpenAIError(raw: Record<string, unknown>, status: number): OpenAIErrorBody | null {
  const error = raw['error'];
  if (raw['type'] === 'error' && isRecord(error) && typeof error['message'] === 'string') {
    const anthropic: AnthropicErrorBody = {
      type: 'error',
      error: { type: String(error['type'] ?? ''), message: error['message'] },
    };
    return anthropicErrorToOpenAI(status, anthropic);
  }
  if (isRecord(error) && typeof error['message'] === 'string') {
    return {
      error: {
        message: error['message'],
        type: typeof error['type'] === 'string' ? error['type'] : openAIErrorType(status),
        param: typeof error['param'] === 'string' ? error['param'] : null,
        code:
          typeof error['code'] === 'string' || typeof error['code'] === 'number'
            ? String(error['code'])
            : null,
      },
    };
  }
  const message =
    typeof error === 'string' ? error : typeof raw['message'] === 'string' ? raw['message'] : null;
  return message === null
    ? null
    : { error: { message, type: openAIErrorType(status), param: null, code: null } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
