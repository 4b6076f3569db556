import { SetMetadata } from '@nestjs/common';
import type { LedgerRole } from './ledger-tokens.parse.js';

export const LEDGER_ROLES_KEY = 'kt:ledger:roles';

/**
 * The roles that may call a route (on a handler, or a whole controller; the handler's wins). A
 * `/v1/*` route that declares none is admin-only, so a new route is never open by omission.
 */
export const LedgerRoles = (...roles: LedgerRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(LEDGER_ROLES_KEY, roles);
