import type { Clock } from '../clock';
import { londonDateOf } from '../clock';
import type { OrganisationRepository, PlacedTeam } from '../organisation/organisation-repository';
import { checkAnswers, type FieldError, type RawAnswers } from '../surveys/survey-answers';
import type { SurveyCatalogue } from '../surveys/survey-catalogue';
import type { PublishedSurvey } from '../surveys/survey-repository';
import type { ResponseRepository } from './response-repository';
import { checkSubmissionToken, issueSubmissionToken, type CollectionMode } from './submission-token';

/** The survey every team offers until teams choose theirs (the trust's Friends, Family and Carers survey). */
export const DEFAULT_SURVEY_CODE = 'friends-family-carers';

export interface FeedbackForm {
  team: PlacedTeam;
  survey: PublishedSurvey;
  mode: CollectionMode;
  token: string;
}

export type SubmitOutcome =
  | { kind: 'stored' }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'token_expired' }
  | { kind: 'token_refused' };

export interface FeedbackServiceDeps {
  clock: Clock;
  secretKey: Buffer;
  tokenTtlMs: number;
  organisation: OrganisationRepository;
  surveys: SurveyCatalogue;
  responses: ResponseRepository;
}

export function createFeedbackService(deps: FeedbackServiceDeps) {
  const { clock, secretKey, tokenTtlMs, organisation, surveys, responses } = deps;

  /** The team taking feedback today under this code; undefined when unknown or retired. */
  function activeTeam(code: string): PlacedTeam | undefined {
    const today = londonDateOf(clock.now());
    const team = organisation.findTeamOn(code, today);
    if (!team || (team.retiredOn !== null && team.retiredOn <= today)) return undefined;
    return team;
  }

  function surveyFor(_team: PlacedTeam): PublishedSurvey {
    const survey = surveys.latest(DEFAULT_SURVEY_CODE);
    if (!survey) throw new Error(`Survey ${DEFAULT_SURVEY_CODE} is not published`);
    return survey;
  }

  return {
    activeTeam,

    /** A fresh form for a team: the survey it uses and a new single-use submission token. */
    openForm(team: PlacedTeam, mode: CollectionMode): FeedbackForm {
      const survey = surveyFor(team);
      const token = issueSubmissionToken(
        secretKey,
        { surveyVersionId: survey.versionId, teamId: team.teamId, mode },
        clock.now(),
      );
      return { team, survey, mode, token };
    },

    /**
     * Checks the token and the answers, then stores the response with the team's place in the organisation as it
     * is now. A token already used stores nothing and reports a duplicate, so the person still sees "thank you".
     */
    submit(
      form: Omit<FeedbackForm, 'token'>,
      token: string,
      raw: RawAnswers,
      language: string,
    ): SubmitOutcome {
      const now = clock.now();
      const check = checkSubmissionToken(
        secretKey,
        token,
        { surveyVersionId: form.survey.versionId, teamId: form.team.teamId, mode: form.mode },
        now,
        tokenTtlMs,
      );
      if (!check.ok)
        return check.reason === 'expired' ? { kind: 'token_expired' } : { kind: 'token_refused' };

      const answers = checkAnswers(form.survey.definition, raw, language);
      if (!answers.ok) return { kind: 'invalid', errors: answers.errors };

      const result = responses.insert({
        submissionToken: check.nonce,
        surveyVersionId: form.survey.versionId,
        teamId: form.team.teamId,
        siteId: form.team.siteId,
        directorateId: form.team.directorateId,
        communityId: form.team.communityId,
        mode: form.mode,
        language,
        submittedAt: now.toISOString(),
        submittedOn: londonDateOf(now),
        ...answers.value,
      });
      return result.stored ? { kind: 'stored' } : { kind: 'duplicate' };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
