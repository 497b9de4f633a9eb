/** Time source injected everywhere a rule depends on "now", so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and scripts that stays where it is put. */
export function fixedClock(
  start: Date | string,
): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let lastMinute = { minute: Number.NaN, date: '' };

/** The calendar date in Europe/London for an instant, as YYYY-MM-DD. Reports and effective dates use it. */
export function londonDateOf(instant: Date): string {
  // Every survey request asks; the answer only changes at a London midnight, which is always on a whole minute.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute.minute) lastMinute = { minute, date: londonDate.format(instant) };
  return lastMinute.date;
}

const londonDisplay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "23 November 2026 at 14:05" in Europe/London. */
export function formatLondonDateTime(instant: Date): string {
  const parts = Object.fromEntries(londonDisplay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

const dayDisplay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** "1 April 2027" for a calendar day (YYYY-MM-DD), as it is written: no time zone moves it. */
export const formatDay = (iso: string) => dayDisplay.format(new Date(`${iso}T00:00:00Z`));
