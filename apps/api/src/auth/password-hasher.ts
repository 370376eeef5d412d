import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's current defaults (OWASP-grade memory cost). */
@Injectable()
export class PasswordHasher {
  // Verified when the email is unknown, so both failures cost the same time; made at the first such
  // login rather than at every start (~0.1 s of boot).
  private decoy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(
        hash ?? (await (this.decoy ??= argon2.hash('decoy-password-never-used'))),
        password,
      );
    } catch {
      return false;
    }
  }
}
