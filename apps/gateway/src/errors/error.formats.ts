import { openAIErrorToAnthropic, type OpenAIErrorBody } from '@kt/providers';
import type { GatewayError } from './gateway.error.js';

/** How an endpoint writes a gateway error on the wire. */
export type ErrorFormat = (error: GatewayError) => unknown;

/** OpenAI's error shape: what every endpoint speaks unless its dialect says otherwise. */
export const OPENAI_ERROR_FORMAT: ErrorFormat = (error) => error.toBody();

/** The Anthropic Messages error shape, translated from OpenAI's with the same status. */
export const ANTHROPIC_ERROR_FORMAT: ErrorFormat = (error) =>
  openAIErrorToAnthropic(error.status, error.toBody() as unknown as OpenAIErrorBody);
