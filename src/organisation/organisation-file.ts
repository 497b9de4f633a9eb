import fs from 'node:fs';
import { z } from 'zod';

/** Team, site, directorate and community codes: used in addresses, so lowercase letters, digits and hyphens. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

const slug = z
  .string()
  .regex(CODE_PATTERN, 'must be a lowercase slug of 2 to 40 letters, digits and hyphens');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const organisationFileSchema = z
  .object({
    $comment: z.string().optional(),
    effectiveFrom: isoDate,
    communities: z.array(z.object({ code: slug, name: z.string().min(1) }).strict()).min(1),
    directorates: z
      .array(
        z
          .object({
            code: slug,
            name: z.string().min(1),
            kind: z.enum(['community', 'inpatient', 'specialist']),
          })
          .strict(),
      )
      .min(1),
    sites: z
      .array(
        z
          .object({
            code: slug,
            name: z.string().min(1),
            odsCode: z
              .string()
              .regex(/^[A-Z0-9]{3,8}$/)
              .nullable(),
            community: slug,
            hub: z.boolean(),
          })
          .strict(),
      )
      .min(1),
    teams: z
      .array(
        z
          .object({
            code: slug,
            name: z.string().min(1),
            kind: z.enum(['ward', 'community_team', 'service']),
            setting: z.enum(['community', 'inpatient', 'forensic']),
            site: slug,
            directorate: slug,
            community: slug,
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((org, ctx) => {
    const codes = (list: { code: string }[]) => new Set(list.map((x) => x.code));
    const communities = codes(org.communities);
    const directorates = codes(org.directorates);
    const sites = codes(org.sites);
    const seen = new Set<string>();
    for (const [index, site] of org.sites.entries()) {
      if (!communities.has(site.community)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sites', index, 'community'],
          message: `unknown community "${site.community}"`,
        });
      }
    }
    for (const [index, team] of org.teams.entries()) {
      if (seen.has(team.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['teams', index, 'code'],
          message: `team code "${team.code}" is used twice`,
        });
      }
      seen.add(team.code);
      if (!sites.has(team.site)) {
        ctx.addIssue({
          code: 'custom',
          path: ['teams', index, 'site'],
          message: `unknown site "${team.site}"`,
        });
      }
      if (!directorates.has(team.directorate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['teams', index, 'directorate'],
          message: `unknown directorate "${team.directorate}"`,
        });
      }
      if (!communities.has(team.community)) {
        ctx.addIssue({
          code: 'custom',
          path: ['teams', index, 'community'],
          message: `unknown community "${team.community}"`,
        });
      }
    }
  });

export type OrganisationFile = z.infer<typeof organisationFileSchema>;

export class OrganisationFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`The organisation file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OrganisationFileError';
  }
}

export function parseOrganisationFile(file: string, text: string): OrganisationFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OrganisationFileError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = organisationFileSchema.safeParse(json);
  if (!result.success) {
    throw new OrganisationFileError(
      file,
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return result.data;
}

export function readOrganisationFile(file: string): OrganisationFile {
  return parseOrganisationFile(file, fs.readFileSync(file, 'utf8'));
}
