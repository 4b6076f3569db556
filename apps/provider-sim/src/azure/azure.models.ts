import { OPENAI_MODELS } from '../openai/openai.models.js';

/**
 * The body of Azure's `GET /openai/models?api-version=…`: the models the resource can deploy, in
 * OpenAI's list shape plus Azure's `status`, `lifecycle_status` and `capabilities` fields.
 */
export const AZURE_MODELS_BODY = JSON.stringify({
  object: 'list',
  data: OPENAI_MODELS.map((m) => ({
    id: m.id,
    object: 'model',
    created_at: m.created,
    status: 'succeeded',
    lifecycle_status: 'generally-available',
    capabilities: {
      chat_completion: !m.id.startsWith('text-embedding'),
      completion: false,
      embeddings: m.id.startsWith('text-embedding'),
      fine_tune: false,
      inference: true,
    },
  })),
});
