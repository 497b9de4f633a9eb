// Staff session time-limit warning (WCAG 2.2.1 Timing adjustable). Progressive enhancement: without this file the
// session still ends after SESSION_IDLE_MINUTES without activity, and the next page asks the person to sign in.
// Two minutes before the idle limit a dialog offers "Stay signed in", which POSTs to /staff/session/keep-alive
// (with the page's CSRF token); with no answer, the page signs out at the limit.

/** How long before the idle limit the warning shows. */
export const WARN_BEFORE_MS = 2 * 60_000;

/** Builds the dialog from DOM nodes (no innerHTML, no inline style: the CSP forbids inline styles). */
function buildDialog(doc) {
  const dialog = doc.createElement('dialog');
  dialog.className = 'app-session-dialog';
  dialog.setAttribute('aria-labelledby', 'app-session-dialog-heading');
  dialog.setAttribute('aria-describedby', 'app-session-dialog-text');
  const heading = doc.createElement('h2');
  heading.id = 'app-session-dialog-heading';
  heading.textContent = 'You will be signed out soon';
  const text = doc.createElement('p');
  text.id = 'app-session-dialog-text';
  text.textContent =
    'To protect patient information, you will be signed out in 2 minutes if you do nothing. Anything you have not saved will be lost.';
  const stay = doc.createElement('button');
  stay.type = 'button';
  stay.className = 'nhsuk-button app-session-dialog__button';
  stay.textContent = 'Stay signed in';
  dialog.append(heading, text, stay);
  doc.body.append(dialog);
  return { dialog, stay };
}

/** Starts the warning on a signed-in staff page (one that has the staff menu with its idle limit). */
export function initSessionTimeout(doc = document) {
  const nav = doc.querySelector('[data-session-idle-seconds]');
  const signOutForm = nav?.querySelector('form[data-sign-out]');
  const csrf = signOutForm?.querySelector('input[name=_csrf]')?.value;
  const idleMs = Number(nav?.dataset.sessionIdleSeconds) * 1000;
  if (!nav || !signOutForm || !csrf || !(idleMs > 0)) return;

  const { dialog, stay } = buildDialog(doc);
  let warnTimer;
  let endTimer;

  const signOut = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    signOutForm.submit();
  };

  const start = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(
      () => {
        if (!dialog.open) dialog.showModal();
        stay.focus();
      },
      Math.max(0, idleMs - WARN_BEFORE_MS),
    );
    // A second early, so the sign-out reaches the server while the session is still this person's.
    endTimer = setTimeout(signOut, Math.max(0, idleMs - 1000));
  };

  stay.addEventListener('click', async () => {
    stay.disabled = true;
    try {
      const response = await fetch('/staff/session/keep-alive', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf }),
        credentials: 'same-origin',
        redirect: 'manual',
      });
      if (response.status !== 204) return signOut();
      dialog.close();
      start();
    } catch {
      signOut();
    } finally {
      stay.disabled = false;
    }
  });
  // Escape does not dismiss the warning: staying signed in is the one choice; doing nothing signs out.
  dialog.addEventListener('cancel', (event) => event.preventDefault());

  start();
}
