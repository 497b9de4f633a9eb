// Shared-device privacy on a ward kiosk. Progressive enhancement: without JavaScript the server clears the draft
// when it expires and the page refreshes to the start (meta refresh).
//
// - After a period without input, an accessible "Are you still there?" dialog counts down (at least 30 seconds)
//   with a large "I need more time" button. If nobody answers, the hidden reset form is posted: the server discards
//   the unsent answers and returns to the start with a short note.
// - The thank-you page returns to the start by itself after a configured time.
// - A page restored from the back/forward cache is reloaded, so Back never shows the previous person's answers.

const body = document.body;
const seconds = (name, fallback) => {
  const value = Number(body.dataset[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

const dialog = document.getElementById('kiosk-timeout-dialog');
const resetForm = document.getElementById('kiosk-reset-form');
const remaining = document.getElementById('kiosk-timeout-remaining');
const moreTime = document.getElementById('kiosk-more-time');

if (dialog && resetForm && remaining && moreTime && typeof dialog.showModal === 'function') {
  const idleSeconds = seconds('kioskIdle', 90);
  // The server's configuration keeps the countdown at 30 seconds or more (KIOSK_COUNTDOWN_SECONDS).
  const countdownSeconds = seconds('kioskCountdown', 45);
  let idleTimer;
  let countdownTimer;
  let left = countdownSeconds;

  const announce = () => {
    remaining.textContent = `${left} second${left === 1 ? '' : 's'}`;
  };

  const startIdle = () => {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(warn, idleSeconds * 1000);
  };

  const warn = () => {
    left = countdownSeconds;
    announce();
    dialog.showModal();
    moreTime.focus();
    countdownTimer = window.setInterval(() => {
      left -= 1;
      // Screen readers hear the live region every 10 seconds and in the last 5, not every second.
      if (left % 10 === 0 || left <= 5) announce();
      else remaining.setAttribute('data-left', String(left));
      if (left <= 0) {
        window.clearInterval(countdownTimer);
        resetForm.submit();
      }
    }, 1000);
  };

  const stillHere = () => {
    window.clearInterval(countdownTimer);
    if (dialog.open) dialog.close();
    startIdle();
  };

  moreTime.addEventListener('click', stillHere);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    stillHere();
  });
  for (const type of ['pointerdown', 'keydown', 'input', 'touchstart', 'scroll']) {
    document.addEventListener(
      type,
      () => {
        if (!dialog.open) startIdle();
      },
      { passive: true },
    );
  }
  // A first page nobody has touched holds nothing to clear: the timer starts with the first input there.
  if (body.dataset.kioskArmed === 'true') startIdle();
}

// Heartbeat: the admins' kiosk list shows when each kiosk was last in contact.
const heartbeatUrl = body.dataset.kioskHeartbeat;
const csrfField = document.querySelector('#kiosk-reset-form input[name="_csrf"]');
if (heartbeatUrl && heartbeatUrl.startsWith('/') && csrfField) {
  const beat = () => {
    fetch(heartbeatUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfField.value }),
      credentials: 'same-origin',
    }).catch(() => {});
  };
  beat();
  window.setInterval(beat, 60_000);
}

const returnAfter = seconds('kioskReturnAfter', 0);
const startUrl = body.dataset.kioskStart;
if (returnAfter > 0 && startUrl && startUrl.startsWith('/')) {
  window.setTimeout(() => window.location.assign(startUrl), returnAfter * 1000);
}
