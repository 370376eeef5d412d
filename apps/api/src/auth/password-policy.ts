import { DomainError } from '#domain';
import { Injectable } from '@nestjs/common';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** zxcvbn's "safely unguessable" band: ~10^8 guesses or more, beyond an online attack behind the throttle. */
const MINIMUM_SCORE = 3;

/**
 * Passwords are checked against length (the DTOs: 10 to 200 characters) and against zxcvbn-ts's lists
 * of common and breached passwords, names and words (Spanish and English) and the patterns crackers try
 * first; the person's own name and e-mail count as guessable too. No network call is made. The
 * dictionaries load at the first check (~130 ms), not at boot.
 */
@Injectable()
export class PasswordPolicy {
  private factory: Promise<ZxcvbnFactory> | null = null;

  async check(password: string, personal: readonly string[] = []): Promise<void> {
    const zxcvbn = await (this.factory ??= PasswordPolicy.load());
    const userInputs = personal.flatMap((value) => [value, ...value.split(/[\s@._-]+/)]).filter(Boolean);
    const { score } = await zxcvbn.checkAsync(password, userInputs);
    if (score < MINIMUM_SCORE)
      throw new DomainError('PASSWORD_TOO_WEAK', {}, { score, minimumScore: MINIMUM_SCORE });
  }

  private static async load(): Promise<ZxcvbnFactory> {
    const [{ ZxcvbnFactory }, common, es, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-es-es'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...es.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
  }
}
