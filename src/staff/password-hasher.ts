import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id (the package's const enum cannot be imported with isolatedModules). */
const ARGON2ID = 2 as Algorithm;

export interface Argon2Cost {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's minimum for argon2id, also the production default: m=19 MiB, t=2, p=1. */
export const minimumArgon2Cost: Argon2Cost = { memoryKib: 19_456, timeCost: 2, parallelism: 1 };

/**
 * argon2id through @node-rs/argon2 (prebuilt binaries, no compiler). Hashing runs on libuv's thread pool, so a
 * sign-in does not block other requests. `dummyVerify` spends the same time for an unknown email.
 */
export function createPasswordHasher(cost: Argon2Cost) {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: cost.memoryKib,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
  };
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password: string) => hash(password, options),
    verify: async (phc: string, password: string) => {
      try {
        return await verify(phc, password);
      } catch {
        return false;
      }
    },
    /** Verifies against a fixed hash of the same cost, so an unknown email takes as long as a wrong password. */
    dummyVerify: async (password: string) => {
      dummyHash ??= hash('not-a-real-password-for-timing-only', options);
      await verify(await dummyHash, password).catch(() => false);
      return false;
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
