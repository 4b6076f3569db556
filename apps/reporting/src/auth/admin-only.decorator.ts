import { SetMetadata } from '@nestjs/common';

export const ADMIN_ONLY = 'kt:reporting:admin-only';

/** Marks a route (or a whole controller) as needing an admin token; finance tokens get 403. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);
