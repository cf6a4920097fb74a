import { hash, verify } from '@node-rs/argon2';

/** OWASP-recommended argon2id parameters (19 MiB, 2 iterations, 1 lane). */
/** 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real verification, so unknown accounts are not revealed by timing. */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('presence-timing-equaliser');
  await verifyPassword(await dummy, password);
}
