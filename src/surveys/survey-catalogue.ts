import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseSurveyDefinition, SurveyDefinitionError, type SurveyDefinition } from './survey-definition';
import type { TeamSetting } from '../organisation/organisation-repository';
import type { PublishedSurvey, SurveyRepository } from './survey-repository';

/** Reads and validates every definition file; a bad file stops start-up with a message naming it. */
export function readSurveyFiles(
  dir: string,
): { file: string; definition: SurveyDefinition; checksum: string }[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new SurveyDefinitionError(name, [`not valid JSON: ${(error as Error).message}`]);
      }
      const definition = parseSurveyDefinition(name, json);
      return { file: name, definition, checksum: checksumOf(definition) };
    });
}

/** A checksum of the validated definition, so formatting changes to a file do not count as edits. */
export function checksumOf(definition: SurveyDefinition): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

/** The surveys the app serves: the newest published version of each, by survey code. */
export interface SurveyCatalogue {
  latest(code: string): PublishedSurvey | undefined;
  /** The newest version of every survey. */
  list(): PublishedSurvey[];
}

export function publishSurveys(
  repository: SurveyRepository,
  files: { definition: SurveyDefinition; checksum: string }[],
  publishedAt: string,
): SurveyCatalogue {
  for (const { definition, checksum } of files) repository.publish(definition, checksum, publishedAt);
  return readSurveyCatalogue(repository);
}

/** The catalogue as published, read without publishing anything (the store worker: the main thread published). */
export function readSurveyCatalogue(repository: SurveyRepository): SurveyCatalogue {
  const byCode = new Map(repository.listLatest().map((survey) => [survey.code, survey]));
  return { latest: (code) => byCode.get(code), list: () => [...byCode.values()] };
}

/**
 * The first-start offers: each team offers every survey whose definition lists the team's setting, in the
 * definition's order. Kept as data (the "offer" of each survey file), so a new survey needs no code change.
 */
export function firstStartOffers(
  surveys: PublishedSurvey[],
  teams: { teamId: number; setting: TeamSetting }[],
): { teamId: number; surveyCode: string; position: number }[] {
  return teams.flatMap((team) =>
    surveys
      .filter((survey) => survey.definition.offer?.settings.includes(team.setting))
      .map((survey) => ({
        teamId: team.teamId,
        surveyCode: survey.code,
        position: survey.definition.offer!.order,
      })),
  );
}
