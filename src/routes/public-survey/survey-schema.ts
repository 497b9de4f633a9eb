import { z } from 'zod';

/** Team codes are the short lowercase slugs printed on posters. */
export const teamCodeParam = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);
export const surveyCodeParam = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);
/** Page numbers in the address: 2 upwards (page 1 is the survey's own address). */
export const stepParam = z.coerce.number().int().min(2).max(500);

/** The query every survey page understands: the language and whether to go back to check your answers. */
export const journeyQuery = z.object({
  lang: z.string().max(35).optional().catch(undefined),
  return: z.literal('check').optional().catch(undefined),
});

/** The draft id: 22 base64url characters, in a session-only cookie. */
export const draftIdCookie = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
