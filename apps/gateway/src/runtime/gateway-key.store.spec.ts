import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GatewayKeyStore } from './gateway-key.store.js';

const hash = (k: string): string => createHash('sha256').update(k).digest('hex');
const pack = { authKeys: [{ id: 'finance-app', sha256: hash('sk-kt-finance'), team: 'finance' }] };

describe('GatewayKeyStore', () => {
  const store = GatewayKeyStore.from(pack, 'kt-demo-key:demo, other-key:ops');

  it.each([
    ['Bearer sk-kt-finance', { keyId: 'finance-app', team: 'finance' }],
    ['Bearer kt-demo-key', { keyId: `env-${hash('kt-demo-key').slice(0, 12)}`, team: 'demo' }],
    ['other-key', { keyId: `env-${hash('other-key').slice(0, 12)}`, team: 'ops' }],
  ])('accepts %s', (header, caller) => {
    expect(store.authenticate(header)).toEqual(caller);
  });

  it.each([[undefined], [''], ['Bearer '], ['Bearer wrong-key'], ['Bearer sk-kt-finance2']])(
    'rejects %j',
    (header) => {
      expect(store.authenticate(header)).toBeUndefined();
    },
  );

  it('never keeps a key in clear', () => {
    expect(JSON.stringify([...(store as unknown as { byHash: Map<string, unknown> }).byHash])).not.toContain(
      'kt-demo-key',
    );
  });
});
