import { z } from 'zod';

/** Team codes are the short lowercase slugs printed on posters. */
export const teamCodeParam = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);
