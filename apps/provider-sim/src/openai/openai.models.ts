/** Models `GET /v1/models` lists (ids of the seed pack included); chat accepts any model name. */
export const OPENAI_MODELS: readonly {
  readonly id: string;
  readonly created: number;
  readonly owned_by: string;
}[] = [
  { id: 'gpt-5.4-mini', created: 1772582400, owned_by: 'system' },
  { id: 'gpt-4.1', created: 1744316542, owned_by: 'system' },
  { id: 'gpt-4.1-mini', created: 1744318173, owned_by: 'system' },
  { id: 'gpt-4o', created: 1715367049, owned_by: 'system' },
  { id: 'gpt-4o-mini', created: 1721172741, owned_by: 'system' },
  { id: 'text-embedding-3-small', created: 1705948997, owned_by: 'system' },
  { id: 'text-embedding-3-large', created: 1705953180, owned_by: 'system' },
];

export const OPENAI_MODELS_BODY = JSON.stringify({
  object: 'list',
  data: OPENAI_MODELS.map((m) => ({ id: m.id, object: 'model', created: m.created, owned_by: m.owned_by })),
});
