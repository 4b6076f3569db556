// The credentials every integration test gives the services it starts, one per role, so that tests
// written before and after the ledger required authentication agree on them.

export const TEST_LEDGER_ADMIN_TOKEN = 'kt-test-ledger-admin';
export const TEST_LEDGER_FINANCE_TOKEN = 'kt-test-ledger-finance';
/** The gateways' service credential towards the ledger (`KT_LEDGER_SERVICE_TOKEN`). */
export const TEST_LEDGER_GATEWAY_TOKEN = 'kt-test-ledger-gateway';

/** `LEDGER_TOKENS` for a test ledger: role:name:secret, one per role. */
export const TEST_LEDGER_TOKENS = [
  `admin:test-admin:${TEST_LEDGER_ADMIN_TOKEN}`,
  `finance:test-finance:${TEST_LEDGER_FINANCE_TOKEN}`,
  `gateway:test-gateway:${TEST_LEDGER_GATEWAY_TOKEN}`,
].join(',');

/** Headers for a call to the ledger as `role`. */
export function ledgerAuth(role: 'admin' | 'finance' | 'gateway' = 'admin'): Record<string, string> {
  const token = {
    admin: TEST_LEDGER_ADMIN_TOKEN,
    finance: TEST_LEDGER_FINANCE_TOKEN,
    gateway: TEST_LEDGER_GATEWAY_TOKEN,
  }[role];
  return { authorization: `Bearer ${token}` };
}
