import { isRecord } from '../http/request.json.js';

/** A tool as both vendors describe it: a name and a JSON schema for its arguments. */
export interface ToolDefinition {
  readonly name: string;
  readonly parameters: unknown;
}

export interface ToolCallDecision {
  readonly name: string;
  readonly argumentsJson: string;
}

const WEATHER = /\bweather\b/i;

/**
 * The deterministic rule that makes the simulated model call a tool: tools were offered and the
 * last user message mentions "weather". It calls the tool named like "weather" if any, else the
 * first one, with arguments filled from the tool's schema.
 */
export function toolCallFor(lastUserText: string, tools: readonly ToolDefinition[]): ToolCallDecision | null {
  if (tools.length === 0 || !WEATHER.test(lastUserText)) return null;
  const tool = tools.find((t) => /weather/i.test(t.name)) ?? tools[0]!;
  return { name: tool.name, argumentsJson: JSON.stringify(argumentsFor(tool.parameters)) };
}

/** One sample value per declared property: the first enum value, else a value of the declared type. */
export function argumentsFor(schema: unknown): Record<string, unknown> {
  const properties = isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
  const args: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) args[name] = sampleValue(name, property);
  return args;
}

function sampleValue(name: string, property: unknown): unknown {
  if (!isRecord(property)) return null;
  const options = property['enum'];
  if (Array.isArray(options) && options.length > 0) return options[0];
  switch (property['type']) {
    case 'string':
      return /location|city|place/i.test(name) ? 'Paris' : 'kt';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return argumentsFor(property);
    default:
      return null;
  }
}
