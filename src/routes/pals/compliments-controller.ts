import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify';
import type { Clock } from '../../clock';
import type { ComplimentService } from '../../pals/compliment-service';
import type { PalsService } from '../../pals/pals-service';
import { staffActor } from '../../staff/permissions';
import { palsPageRenderer } from './pals-controller';
import { buildComplimentsViewModel, complimentCsvColumns, complimentCsvRow } from './compliments-view-model';

const teamOf = (query: unknown): number | null => {
  const value = (query as Record<string, unknown>).teamId;
  return typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null;
};

/**
 * Compliments to pass on: a printable list per team and a CSV. Both show what people wrote, so both are audited
 * with the ids of the comments shown; the routes are for the `pals` role only (the permission table).
 */
export function createComplimentsController(deps: {
  compliments: ComplimentService;
  pals: PalsService;
  clock: Clock;
}) {
  const { compliments, pals, clock } = deps;
  const render = palsPageRenderer(pals, clock);

  return {
    list: (req: Request, res: Response) => {
      const teams = compliments.teams();
      const asked = teamOf(req.query);
      const teamId = teams.some((t) => t.teamId === asked) ? asked : null;
      // Nothing is read (or audited) until a team is chosen.
      const rows = teamId === null ? null : compliments.viewList(teamId, staffActor(res));
      render(res, 200, 'pages/pals/compliments', buildComplimentsViewModel({ teams, teamId, rows }));
    },

    exportCsv: (req: Request, res: Response) => {
      const teamId = teamOf(req.query);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="compliments${teamId === null ? '' : `-team-${teamId}`}.csv"`,
      );
      const csv = stringify({
        header: true,
        bom: true,
        escape_formulas: true,
        columns: complimentCsvColumns,
      });
      csv.pipe(res);
      const ids: number[] = [];
      for (const row of compliments.iterate(teamId)) {
        csv.write(complimentCsvRow(row));
        ids.push(row.commentId);
      }
      // Recorded after reading (a write cannot run while the statement iterates), before the response ends.
      compliments.recordExport(teamId, ids, staffActor(res));
      csv.end();
    },
  };
}
