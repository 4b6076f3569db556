/** Models `GET /v1/models` lists, newest first as the real API orders them; messages accept any model. */
const MODELS: readonly { readonly id: string; readonly display_name: string; readonly created_at: string }[] =
  [
    {
      id: 'claude-sonnet-4-5-20250929',
      display_name: 'Claude Sonnet 4.5',
      created_at: '2025-09-29T00:00:00Z',
    },
    { id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
    {
      id: 'claude-3-5-sonnet-20241022',
      display_name: 'Claude Sonnet 3.5 (New)',
      created_at: '2024-10-22T00:00:00Z',
    },
    { id: 'claude-3-5-haiku-20241022', display_name: 'Claude Haiku 3.5', created_at: '2024-10-22T00:00:00Z' },
  ];

export const ANTHROPIC_MODELS_BODY = JSON.stringify({
  data: MODELS.map((m) => ({ type: 'model', ...m })),
  has_more: false,
  first_id: MODELS[0]!.id,
  last_id: MODELS[MODELS.length - 1]!.id,
});
