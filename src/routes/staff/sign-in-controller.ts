import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Clock } from '../../clock';
import { CSRF_FIELD } from '../../middleware/csrf';
import { readFormFields } from '../../middleware/form-body';
import { STAFF_COOKIE } from '../../middleware/staff-session';
import type { StaffAccess } from '../../staff/staff-access';
import { safeReturnPath, signedInStaff } from '../../staff/permissions';
import type { StaffSessionState } from '../../staff/staff-session-data';
import { errorListOf, formatSecretForReading, inputField, titleWith } from './staff-view-model';

const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Enter a correct email address and password'),
  password: z.string().min(1, 'Enter your password'),
});

const GENERIC_REFUSAL = 'Enter a correct email address and password';

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e as Error) : resolve())));
const destroy = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e as Error) : resolve())));

const actorOf = (req: Request, state: StaffSessionState, email: string) => ({
  userId: state.userId,
  email,
  sessionId: req.sessionID,
});

/** Sign-in (email and password), the second factor (enrolment or code), recovery codes, sign-out. */
export function createSignInController(staff: StaffAccess, clock: Clock) {
  function renderSignIn(
    res: Response,
    status: number,
    values: { email: string; returnTo: string | undefined },
    errors: Record<string, string>,
    notice?: string,
  ) {
    res.status(status).render('pages/staff/sign-in', {
      pageTitle: titleWith('Sign in', errors),
      errorList: errorListOf(errors),
      notice,
      returnTo: values.returnTo,
      emailField: inputField('email', 'Email address', errors, {
        type: 'email',
        value: values.email,
        autocomplete: 'username',
        spellcheck: false,
      }),
      passwordField: inputField('password', 'Password', errors, {
        type: 'password',
        autocomplete: 'current-password',
      }),
    });
  }

  async function renderSecondFactor(
    req: Request,
    res: Response,
    state: StaffSessionState,
    errors: Record<string, string>,
  ) {
    const user = staff.users.findById(state.userId);
    const enrolling = !user?.twoFactorEnrolled;
    let enrol: { qrDataUrl: string; secretText: string } | undefined;
    if (enrolling && user) {
      if (!state.enrolSecret) state.enrolSecret = staff.auth.newTotpSecret(user.email).secret;
      const uri = staff.auth.totpUri(state.enrolSecret, user.email);
      const svg = await QRCode.toString(uri, { type: 'svg', margin: 2 });
      enrol = {
        qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
        secretText: formatSecretForReading(state.enrolSecret),
      };
    }
    const title = enrolling ? 'Set up your authenticator app' : 'Enter your security code';
    res.status(Object.keys(errors).length > 0 ? 400 : 200).render('pages/staff/two-factor', {
      pageTitle: titleWith(title, errors),
      errorList: errorListOf(errors),
      enrol,
      codeField: inputField('code', enrolling ? '6-digit code' : 'Security code or recovery code', errors, {
        autocomplete: 'one-time-code',
        spellcheck: false,
        classes: 'nhsuk-input--width-10',
      }),
    });
  }

  return {
    showSignIn: (req: Request, res: Response): void => {
      if (signedInStaff(res)) {
        res.redirect(303, '/staff');
        return;
      }
      const returnTo = safeReturnPath(req.query.returnTo);
      const notice = res.locals.sessionEnded
        ? 'You have been signed out. Sign in again to continue.'
        : undefined;
      renderSignIn(res, 200, { email: '', returnTo }, {}, notice);
    },

    signIn: async (req: Request, res: Response): Promise<void> => {
      const fields = readFormFields(req.body, ['email', 'password', 'returnTo', CSRF_FIELD]);
      const returnTo = safeReturnPath(fields.returnTo);
      const parsed = signInForm.safeParse({ email: fields.email ?? '', password: fields.password ?? '' });
      const email = (fields.email ?? '').slice(0, 254);
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
        renderSignIn(res, 400, { email, returnTo }, errors);
        return;
      }
      const outcome = await staff.auth.checkPassword(
        parsed.data.email,
        parsed.data.password,
        req.ip ?? 'unknown',
      );
      if (outcome.kind === 'address_limited') {
        renderSignIn(
          res.setHeader('Retry-After', '900'),
          429,
          { email, returnTo },
          {
            email: 'Too many sign-in attempts from this connection. Try again in 15 minutes.',
          },
        );
        return;
      }
      if (outcome.kind === 'refused') {
        renderSignIn(res, 400, { email, returnTo }, { email: GENERIC_REFUSAL });
        return;
      }
      // A new session id at sign-in: an id planted or seen before sign-in never becomes a signed-in session.
      await regenerate(req);
      const now = clock.now().getTime();
      req.session.staff = {
        userId: outcome.user.id,
        stage: 'password',
        createdAt: now,
        lastSeenAt: now,
        ...(returnTo ? { returnTo } : {}),
      };
      res.redirect(303, '/staff/two-factor');
    },

    showSecondFactor: async (req: Request, res: Response): Promise<void> => {
      const state = req.session.staff;
      if (!state || state.stage !== 'password') {
        res.redirect(303, state ? '/staff' : '/staff/sign-in');
        return;
      }
      await renderSecondFactor(req, res, state, {});
    },

    checkSecondFactor: async (req: Request, res: Response): Promise<void> => {
      const state = req.session.staff;
      if (!state || state.stage !== 'password') {
        res.redirect(303, state ? '/staff' : '/staff/sign-in');
        return;
      }
      const fields = readFormFields(req.body, ['code', CSRF_FIELD]);
      const code = (fields.code ?? '').trim().slice(0, 64);
      const user = staff.users.findById(state.userId);
      if (!user) {
        res.redirect(303, '/staff/sign-in');
        return;
      }
      if (code === '') {
        await renderSecondFactor(req, res, state, {
          code: 'Enter the 6-digit code from your authenticator app',
        });
        return;
      }
      const actor = actorOf(req, state, user.email);
      let recoveryCodes: string[] | undefined;
      if (!user.twoFactorEnrolled) {
        const codes = state.enrolSecret
          ? staff.auth.confirmEnrolment(user.id, state.enrolSecret, code, actor)
          : null;
        if (!codes) {
          await renderSecondFactor(req, res, state, {
            code: 'The code is not right. Enter the 6-digit code your app shows now',
          });
          return;
        }
        recoveryCodes = codes;
      } else if (staff.auth.verifySecondFactor(user.id, code, actor) !== 'ok') {
        await renderSecondFactor(req, res, state, {
          code: 'The code is not right. Enter the code your app shows now, or a recovery code',
        });
        return;
      }
      const returnTo = state.returnTo;
      await regenerate(req);
      const now = clock.now().getTime();
      req.session.staff = {
        userId: user.id,
        stage: 'signed-in',
        createdAt: now,
        lastSeenAt: now,
        ...(recoveryCodes ? { newRecoveryCodes: recoveryCodes } : {}),
        ...(returnTo ? { returnTo } : {}),
      };
      res.redirect(303, recoveryCodes ? '/staff/two-factor/recovery-codes' : (returnTo ?? '/staff'));
    },

    showRecoveryCodes: (req: Request, res: Response): void => {
      const state = req.session.staff;
      const codes = state?.stage === 'signed-in' ? state.newRecoveryCodes : undefined;
      if (!state || !codes) {
        res.redirect(303, state ? '/staff' : '/staff/sign-in');
        return;
      }
      delete state.newRecoveryCodes;
      res.render('pages/staff/recovery-codes', {
        pageTitle: 'Save your recovery codes',
        codes,
        continueHref: state.returnTo ?? '/staff',
      });
    },

    signOut: async (req: Request, res: Response): Promise<void> => {
      const state = req.session.staff;
      if (state) {
        const user = staff.users.findById(state.userId);
        staff.audit.record({
          actor: actorOf(req, state, user?.email ?? ''),
          action: 'sign_out',
          objectType: 'user',
          objectId: state.userId,
        });
        await destroy(req);
      }
      res.clearCookie(STAFF_COOKIE, { path: '/staff', httpOnly: true, sameSite: 'lax' });
      res.redirect(303, '/staff/sign-in');
    },
  };
}
