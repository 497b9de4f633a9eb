import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database';
import { createOrganisationRepository } from '../../src/organisation/organisation-repository';
import {
  createResponseRepository,
  type RespondentRole,
  type ResponseRepositoryOptions,
} from '../../src/responses/response-repository';
import type { CollectionMode } from '../../src/responses/submission-token';

export interface ResponseSpec {
  team: string;
  fft: number;
  on?: string;
  mode?: CollectionMode;
  role?: RespondentRole | null;
  answers?: Record<string, string>;
  comments?: { itemCode: string; body: string }[];
}

/**
 * Stores responses straight through the response repository (the same insert the survey uses, summaries
 * included), placing each team as it is placed on the response's date. `options` as the repository's (a group
 * commit's `count`, as the survey's stores pass).
 */
export function responseWriter(db: Db, options: ResponseRepositoryOptions = {}) {
  const organisation = createOrganisationRepository(db);
  const responses = createResponseRepository(db, options);
  const surveyVersionId = (
    db.prepare('SELECT id FROM survey_versions ORDER BY id LIMIT 1').get() as { id: number }
  ).id;
  return (spec: ResponseSpec): number => {
    const on = spec.on ?? '2026-10-15';
    const team = organisation.findTeamOn(spec.team, on);
    if (!team) throw new Error(`no team ${spec.team} on ${on}`);
    const result = responses.insert({
      submissionToken: randomUUID(),
      surveyVersionId,
      teamId: team.teamId,
      siteId: team.siteId,
      directorateId: team.directorateId,
      communityId: team.communityId,
      mode: spec.mode ?? 'kiosk_tablet',
      fftCode: spec.fft,
      respondentRole: spec.role === undefined ? 'service_user' : spec.role,
      language: 'en',
      submittedAt: `${on}T12:00:00.000Z`,
      submittedOn: on,
      answers: Object.entries(spec.answers ?? {}).map(([itemCode, value]) => ({ itemCode, value })),
      comments: (spec.comments ?? []).map((c) => ({ ...c, commentType: 'nonspecific' as const })),
    });
    if (!result.stored) throw new Error('not stored');
    return result.responseId;
  };
}

/** n responses with the same FFT answer and details. */
export function writeMany(write: (spec: ResponseSpec) => number, n: number, spec: ResponseSpec): void {
  for (let i = 0; i < n; i++) write(spec);
}
