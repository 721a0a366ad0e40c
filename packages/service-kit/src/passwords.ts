import { hash, verify } from '@node-rs/argon2'

// Shared by every service that keeps passwords (admin's users, the tickets portal's customer accounts), so
// they hash alike. argon2id with OWASP's minimum recommended cost (19 MiB, 2 passes).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password)
  } catch {
    return false
  }
}

/** Verifying against a fixed hash keeps "no such user" as slow as "wrong password". */
let dummy: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password')
  await verifyPassword(await dummy, password)
}
