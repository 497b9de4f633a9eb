import { z } from 'zod';
import { monthPattern, periodOf, type Period } from '../../reports/report-period';
import type { ScopeLevel, StructureBasis } from '../../reports/report-repository';
import type { Grouping } from '../../reports/report-service';

/** The dashboard's filters, as the GET form sends them. Every field is a single string (arrays are refused). */
export const reportQuerySchema = z
  .object({
    period: z
      .enum(['month', 'quarter', 'financial_year', 'custom'], { error: 'Select a type of period' })
      .optional(),
    month: z
      .string()
      .regex(monthPattern, { error: 'Enter a month as a year and month, like 2026-10' })
      .optional(),
    to: z
      .string()
      .regex(monthPattern, { error: 'Enter the last month as a year and month, like 2026-12' })
      .optional()
      .or(z.literal('')),
    scope: z
      .string()
      .regex(/^(trust|(community|directorate|site|team):[a-z0-9-]{1,40})$/, {
        error: 'Select what to report on',
      })
      .optional(),
    basis: z.enum(['as_recorded', 'current'], { error: 'Select which structure to use' }).optional(),
    grouping: z.enum(['directorate', 'community'], { error: 'Select how to group the table' }).optional(),
    suppression: z
      .enum(['applied', 'none'], { error: 'Select whether to suppress small numbers' })
      .optional(),
  })
  .strip()
  .superRefine((q, ctx) => {
    if (q.period === 'custom' && q.month && q.to && q.to < q.month) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The last month must be the same as or after the first month',
      });
    }
    if (q.period === 'custom' && q.month && q.to && q.to.length > 0) {
      const months =
        (Number(q.to.slice(0, 4)) - Number(q.month.slice(0, 4))) * 12 +
        Number(q.to.slice(5)) -
        Number(q.month.slice(5));
      if (months >= 36)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose a range of 36 months or fewer' });
    }
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface ReportFilters {
  period: Period;
  scope: { level: ScopeLevel; code: string | null };
  basis: StructureBasis;
  grouping: Grouping;
  suppress: boolean;
}

/** Fills the defaults: last complete month, the trust, as recorded, by directorate, suppressed. */
export function toFilters(
  query: ReportQuery,
  lastCompleteMonth: string,
  mayUnsuppress: boolean,
): ReportFilters {
  const kind = query.period ?? 'month';
  const month = query.month ?? lastCompleteMonth;
  const [level, code] = (query.scope ?? 'trust').split(':') as [ScopeLevel, string | undefined];
  return {
    period: periodOf(kind, month, kind === 'custom' && query.to ? query.to : undefined),
    scope: { level, code: code ?? null },
    basis: query.basis ?? 'as_recorded',
    grouping: query.grouping ?? 'directorate',
    suppress: !(mayUnsuppress && query.suppression === 'none'),
  };
}
