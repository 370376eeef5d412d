import { BallotBoxCipher } from '#application';
import { SecretBox } from '#domain';
import type { Provider } from '@nestjs/common';

/** The keys of secret ballots, under the application's SECRETS_KEY (the SecretBox of ConfigModule). */
export const ballotBoxProvider: Provider<BallotBoxCipher> = {
  provide: BallotBoxCipher,
  inject: [SecretBox],
  useFactory: (secrets: SecretBox) => new BallotBoxCipher(secrets),
};
