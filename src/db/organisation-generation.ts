import type { Db } from './database';

const readers = new WeakMap<Db, () => number>();

/**
 * The organisation generation (migration 0022): a number that triggers bump whenever teams, placements, sites,
 * directorates, communities, surveys or team offers change, on any connection. The placed-team and survey-offer
 * caches start again when it moves, so a change made by a script or a second process is seen; submissions, drafts
 * and PALS work (the store worker's commits, many a second) leave it, and the caches, alone.
 *
 * Read at most once per turn of the event loop and shared by every cache kept on the connection: each read takes a
 * read lock on the WAL, and a survey journey asks four times. A change is seen from the next turn on; a cache on the
 * connection that made the change is emptied by that write's own code (forgetCachedTeams).
 */
export function organisationGenerationOf(db: Db): () => number {
  let reader = readers.get(db);
  if (!reader) {
    const statement = db.prepare('SELECT generation FROM organisation_generation WHERE id = 1').pluck();
    let generation: number | undefined;
    reader = () => {
      if (generation === undefined) {
        generation = statement.get() as number;
        setImmediate(() => {
          generation = undefined;
        });
      }
      return generation;
    };
    readers.set(db, reader);
  }
  return reader;
}
