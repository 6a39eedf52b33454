// public/managed_schema.json is generated from the policy's schema in lib/settings/policy.ts;
// this test fails when the two differ. Regenerate with: UPDATE_SCHEMA=1 npx vitest run tests/unit/settings/schema.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESK_KIND_NAMES } from '@/lib/domain/desk';
import { CONFIG_KEYS, MANAGED_SCHEMA, validateConfig } from '@/lib/settings/policy';
import type { ChromeSchema } from '@/lib/settings/schema';

const FILE = new URL('../../../public/managed_schema.json', import.meta.url);

// What Chrome accepts per type (components/policy/core/common/schema.cc); anything else and
// Chrome refuses the schema, and with it every policy for the extension.
const ALLOWED: Record<string, string[]> = {
  string: ['type', 'enum', 'pattern', 'title', 'description', 'id', 'sensitiveValue'],
  boolean: ['type', 'title', 'description', 'id', 'sensitiveValue'],
  integer: ['type', 'enum', 'minimum', 'maximum', 'title', 'description', 'id', 'sensitiveValue'],
  number: ['type', 'title', 'description', 'id', 'sensitiveValue'],
  array: ['type', 'items', 'title', 'description', 'id', 'sensitiveValue'],
  object: ['type', 'properties', 'additionalProperties', 'patternProperties', 'required', 'title', 'description', 'id', 'sensitiveValue'],
};

function* nodes(schema: ChromeSchema): Generator<ChromeSchema> {
  yield schema;
  if (schema.type === 'array') yield* nodes(schema.items);
  if (schema.type === 'object') {
    for (const child of Object.values(schema.properties ?? {})) yield* nodes(child);
    if (schema.additionalProperties) yield* nodes(schema.additionalProperties);
  }
}

describe('managed_schema.json', () => {
  it('is the policy schema the validator checks with', () => {
    const generated = `${JSON.stringify(MANAGED_SCHEMA, null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(FILE, generated);
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(MANAGED_SCHEMA);
  });

  it('uses only what Chrome reads, with the policies at the top', () => {
    expect(MANAGED_SCHEMA.type).toBe('object');
    if (MANAGED_SCHEMA.type !== 'object') return;
    expect(MANAGED_SCHEMA.additionalProperties).toBeUndefined();
    expect(Object.keys(MANAGED_SCHEMA.properties ?? {})).toEqual(CONFIG_KEYS);
    for (const node of nodes(MANAGED_SCHEMA)) for (const key of Object.keys(node)) expect(ALLOWED[node.type]).toContain(key);
  });

  it('allows the desk kinds the validator allows, and no other', () => {
    const desk = MANAGED_SCHEMA.type === 'object' && MANAGED_SCHEMA.properties?.desks;
    expect(desk).toMatchObject({ items: { properties: { kind: { type: 'string', enum: DESK_KIND_NAMES } }, required: ['kind', 'url'] } });
    for (const kind of [...DESK_KIND_NAMES, 'jira']) {
      const { problems } = validateConfig({ desks: [{ kind, url: 'https://desk.example' }] });
      expect(problems.length === 0).toBe(DESK_KIND_NAMES.includes(kind as never));
    }
  });
});
