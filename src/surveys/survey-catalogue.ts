import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseSurveyDefinition, SurveyDefinitionError, type SurveyDefinition } from './survey-definition';
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
}

export function publishSurveys(
  repository: SurveyRepository,
  files: { definition: SurveyDefinition; checksum: string }[],
  publishedAt: string,
): SurveyCatalogue {
  for (const { definition, checksum } of files) repository.publish(definition, checksum, publishedAt);
  const byCode = new Map(repository.listLatest().map((survey) => [survey.code, survey]));
  return { latest: (code) => byCode.get(code) };
}
