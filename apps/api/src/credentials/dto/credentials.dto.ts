import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class EnrolmentCodeDto {
  @ApiProperty({ example: 'K7Q4-M2XP-9TRD', description: 'As typed: case, spaces and dashes do not matter' })
  @IsString()
  @Length(12, 40)
  code: string;
}

export class EnrolDto extends EnrolmentCodeDto {
  @ApiProperty({
    description:
      '10 to 200 characters, not among common or breached passwords nor built on the person’s name or e-mail',
  })
  @IsString()
  @Length(10, 200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ description: 'Same rules as at enrolment' })
  @IsString()
  @Length(10, 200)
  newPassword: string;
}

export class EnrolmentViewDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ enum: ['enrolment', 'reset'] })
  purpose: 'enrolment' | 'reset';
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

export class EnrolledDto {
  @ApiProperty({ description: 'The e-mail to sign in with, now that the password is set' })
  email: string;
}

export class IssuedEnrolmentDto {
  @ApiProperty({ example: 'K7Q4-M2XP-9TRD', description: 'Shown once: only its digest is kept' })
  code: string;
  @ApiProperty({
    description: 'Opens the enrolment page with the code filled in (the code is in the fragment)',
  })
  url: string;
  @ApiProperty({ enum: ['enrolment', 'reset'] })
  purpose: 'enrolment' | 'reset';
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

export class AccountRecordEventDto {
  @ApiProperty()
  sequence: number;
  @ApiProperty({ example: 'account.password_set' })
  type: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, description: 'The account that acted; null for the operator' })
  actor: string | null;
  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
  @ApiProperty()
  hash: string;
}

export class BallotInNameDto {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
  @ApiProperty()
  question: string;
  @ApiProperty({ format: 'uuid' })
  sessionId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  motionId: string | null;
  @ApiProperty()
  revision: number;
  @ApiProperty({ enum: ['yes', 'no', 'abstain'] })
  choice: 'yes' | 'no' | 'abstain';
  @ApiProperty({ format: 'date-time' })
  castAt: string;
  @ApiProperty({ description: 'Its event in the public record' })
  sequence: number;
  @ApiProperty({ description: 'The receipt: the hash of its event' })
  receipt: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'The account that cast it, as the record names actors (user:<id>)',
  })
  castBy: string | null;
  @ApiProperty({ description: 'Cast by the delegate’s own account' })
  castByOwnAccount: boolean;
  @ApiProperty({ enum: ['open', 'closed'] })
  voteStatus: 'open' | 'closed';
}

export class AccountActivityDto {
  @ApiProperty({ type: [AccountRecordEventDto] })
  credentialEvents: AccountRecordEventDto[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  delegateId: string | null;
  @ApiProperty({ type: [BallotInNameDto], description: 'Every ballot revision cast in the seat’s name' })
  ballots: BallotInNameDto[];
}
