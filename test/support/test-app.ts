import type { Express } from 'express';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { createApp, type AppDeps } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { memoryLogger } from '../../src/logger';

export interface TestApp {
  app: Express;
  deps: AppDeps;
  clock: ReturnType<typeof fixedClock>;
  logger: ReturnType<typeof memoryLogger>;
}

/** The real app on a fresh in-memory database, with a clock the test controls. */
export function buildTestApp(
  options: { now?: string; env?: Record<string, string>; databasePath?: string } = {},
): TestApp {
  const clock = fixedClock(options.now ?? '2026-11-23T10:00:00Z');
  const logger = memoryLogger();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', ...options.env });
  const deps = bootstrap(config, clock, logger, openDatabase(options.databasePath ?? ':memory:'));
  return { app: createApp(deps), deps, clock, logger };
}

export interface OpenedForm {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  token: string;
  html: string;
}

/** Opens the first page of a team's survey as a browser would (cookies kept) and reads the hidden fields. */
export async function openSurvey(
  app: Express,
  teamCode: string,
  surveyCode = 'friends-family-carers',
): Promise<OpenedForm> {
  const agent = request.agent(app);
  const page = await agent.get(`/t/${teamCode}/${surveyCode}`).expect(200);
  const $ = cheerio.load(page.text);
  return {
    agent,
    csrf: $('input[name=_csrf]').val() as string,
    token: $('input[name=token]').val() as string,
    html: page.text,
  };
}

const counts = {
  responses: 'SELECT count(*) AS n FROM responses',
  comments: 'SELECT count(*) AS n FROM comments',
  response_answers: 'SELECT count(*) AS n FROM response_answers',
} as const;

export function countRows(deps: AppDeps, table: keyof typeof counts): number {
  return (deps.db.prepare(counts[table]).get() as { n: number }).n;
}
