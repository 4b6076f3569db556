import { describe, expect, it } from 'vitest';
import { crdSchemas, Json, strictSchema } from './crd.schema.js';

describe('strictSchema', () => {
  const cases: readonly { what: string; input: Json; output: Json }[] = [
    {
      what: 'closes an object that lists its properties',
      input: { type: 'object', properties: { a: { type: 'string' } } },
      output: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    },
    {
      what: 'leaves open an object that keeps unknown fields',
      input: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { a: { type: 'string' } },
      },
      output: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { a: { type: 'string' } },
      },
    },
    {
      what: 'keeps an explicit additionalProperties',
      input: { type: 'object', properties: {}, additionalProperties: { type: 'string' } },
      output: { type: 'object', properties: {}, additionalProperties: { type: 'string' } },
    },
    {
      what: 'treats a property named "properties" as data and closes nested objects',
      input: { properties: { properties: { type: 'object', properties: { b: { type: 'integer' } } } } },
      output: {
        properties: {
          properties: { type: 'object', properties: { b: { type: 'integer' } }, additionalProperties: false },
        },
        additionalProperties: false,
      },
    },
    {
      what: 'lets a nullable field be null',
      input: { type: 'string', nullable: true },
      output: { type: ['string', 'null'], nullable: true },
    },
  ];
  it.each(cases)('$what', ({ input, output }) => {
    expect(strictSchema(input)).toEqual(output);
  });
});

describe('crdSchemas', () => {
  const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: example.com
  names: { kind: Widget }
  versions:
    - name: v1
      served: true
      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }
    - name: v0
      served: false
      schema: { openAPIV3Schema: { type: object } }
---
apiVersion: v1
kind: ConfigMap
`;

  it('gives one strict schema per served version and ignores other documents', () => {
    expect(crdSchemas(crd)).toEqual([
      {
        group: 'example.com',
        kind: 'Widget',
        version: 'v1',
        schema: { type: 'object', properties: { spec: { type: 'object' } }, additionalProperties: false },
      },
    ]);
  });

  it('refuses a served version without a schema', () => {
    expect(() =>
      crdSchemas(crd.replace(/schema: \{ openAPIV3Schema: \{ type: object, properties.*\n/, '\n')),
    ).toThrow(/Widget v1: no openAPIV3Schema/);
  });
});
