import { invalid, isObject } from '../http/request.fields.js';
import { checkFunction } from './chat-messages.check.js';

const CHOICES: ReadonlySet<unknown> = new Set(['auto', 'none', 'required']);

/** `tools` and `tool_choice`: what the translators turn into another vendor's tool definitions. */
export function checkTools(tools: unknown, choice: unknown): void {
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) throw invalid('tools', 'an array of tools');
    for (let i = 0; i < tools.length; i++) {
      const tool: unknown = tools[i];
      if (!isObject(tool) || typeof tool.type !== 'string')
        throw invalid(`tools[${i}]`, 'an object with a string "type"');
      // Other tool types (custom, hosted) pass through for the upstream to judge.
      if (tool.type === 'function') checkFunction(tool.function, `tools[${i}].function`, false);
    }
  }
  if (choice === undefined || choice === null || CHOICES.has(choice)) return;
  if (!isObject(choice) || choice.type !== 'function')
    throw invalid('tool_choice', '"auto", "none", "required" or {"type": "function", "function": {"name"}}');
  const fn = choice.function;
  if (!isObject(fn) || typeof fn.name !== 'string' || fn.name.length === 0)
    throw invalid('tool_choice.function.name', 'a non-empty string');
}
