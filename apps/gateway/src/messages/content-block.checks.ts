import {
  invalid,
  isAbsent,
  optionalBoolean,
  optionalObject,
  optionalString,
  requireArray,
  requireObject,
  requireString,
  type Fields,
} from './field.checks.js';

/**
 * The content blocks of a Messages request, checked as far as kt reads them when translating.
 * A block type kt does not know passes (as an object with a string `type`) so the translator can
 * name it in its own error; fields kt does not read (`cache_control`, `citations`, …) pass untouched.
 */
export function checkContent(value: unknown, path: string): void {
  if (typeof value === 'string') return;
  const blocks = requireArray(value, path, 'a string or an array of content blocks');
  blocks.forEach((block, i) => checkBlock(block, `${path}[${i}]`));
}

export function checkTextBlock(value: unknown, path: string): void {
  const block = typedBlock(value, path);
  if (block.type !== 'text') throw invalid(`${path}.type`, "expected 'text'");
  requireString(block.text, `${path}.text`);
}

function checkBlock(value: unknown, path: string): void {
  const block = typedBlock(value, path);
  switch (block.type) {
    case 'text':
      requireString(block.text, `${path}.text`);
      return;
    case 'image':
    case 'document':
      checkSource(block.source, `${path}.source`);
      optionalString(block.title, `${path}.title`);
      return;
    case 'tool_use':
      requireString(block.id, `${path}.id`);
      requireString(block.name, `${path}.name`);
      optionalObject(block.input, `${path}.input`);
      return;
    case 'tool_result':
      requireString(block.tool_use_id, `${path}.tool_use_id`);
      optionalBoolean(block.is_error, `${path}.is_error`);
      checkToolResultContent(block.content, `${path}.content`);
      return;
    default:
      return;
  }
}

function checkToolResultContent(value: unknown, path: string): void {
  if (isAbsent(value) || typeof value === 'string') return;
  const parts = requireArray(value, path, 'a string or an array of text and image blocks');
  parts.forEach((part, i) => {
    const block = typedBlock(part, `${path}[${i}]`);
    if (block.type === 'text') requireString(block.text, `${path}[${i}].text`);
    else if (block.type === 'image') checkSource(block.source, `${path}[${i}].source`);
  });
}

/** Image and document sources; which ones can reach a vendor is the translator's call. */
function checkSource(value: unknown, path: string): void {
  const source = requireObject(value, path);
  const type = requireString(source.type, `${path}.type`);
  if (type === 'base64') {
    requireString(source.media_type, `${path}.media_type`);
    requireString(source.data, `${path}.data`);
  } else if (type === 'url') {
    requireString(source.url, `${path}.url`);
  } else if (type === 'text') {
    requireString(source.data, `${path}.data`);
  }
}

function typedBlock(value: unknown, path: string): Fields & { readonly type: string } {
  const block = requireObject(value, path, 'a content block object');
  requireString(block.type, `${path}.type`);
  return block as Fields & { readonly type: string };
}
