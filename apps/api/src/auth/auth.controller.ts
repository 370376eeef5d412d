import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthService, type TokenPair } from './auth.service.js';
import { LoginDto, RefreshDto, TokenPairDto } from './dto/auth.dto.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import {
  clearRefreshCookie,
  readRefreshCookie,
  REFRESH_COOKIE,
  refreshCookieHonoured,
  setRefreshCookie,
} from './refresh-cookie.js';

type TokenAnswer = Omit<TokenPair, 'refreshToken'> & { refreshToken?: string };

/** A body sent as something other than JSON is a defect, even where every field is optional. */
function refuseNonJsonBody(request: Request): void {
  const declared =
    request.headers['content-type'] !== undefined ||
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0;
  if (declared && !request.is('application/json'))
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/json' });
}

function withoutRefreshToken({ refreshToken: _, ...rest }: TokenPair): TokenAnswer {
  return rest;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: LoginRateLimitGuard,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: 'Log in: a short-lived access token and a rotating refresh token',
    description: `An account with a second factor on answers 401 \`SECOND_FACTOR_REQUIRED\` to a right password without \`code\` (send it again with one), and 401 \`SECOND_FACTOR_INVALID\` to a wrong, expired or already used code (counted like a wrong password). With \`refreshCookie: true\` (browsers) the refresh token is set in the httpOnly cookie \`${REFRESH_COOKIE}\` (Path=/api/auth, SameSite=Strict, Secure in production) and left out of the body.`,
  })
  @ApiOkResponse({ type: TokenPairDto })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenAnswer> {
    let pair: Awaited<ReturnType<AuthService['login']>>;
    try {
      pair = await this.auth.login(body.email, body.password, body.code);
    } catch (error) {
      // A wrong second-factor code counts like a wrong password (codes are guessable otherwise).
      if (
        error instanceof DomainError &&
        (error.code === 'INVALID_CREDENTIALS' || error.code === 'SECOND_FACTOR_INVALID')
      )
        await this.throttle.failed(request);
      throw error;
    }
    await this.throttle.succeeded(request);
    if (!body.refreshCookie) return pair;
    setRefreshCookie(response, this.config, pair.refreshToken);
    return withoutRefreshToken(pair);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair; the old refresh token stops working',
    description: `The token comes from the body or, when the body has none, from the \`${REFRESH_COOKIE}\` cookie; a cookie refresh answers with the rotated token in the cookie (not in the body), and a refused one clears it.`,
  })
  @ApiOkResponse({ type: TokenPairDto })
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenAnswer> {
    refuseNonJsonBody(request);
    if (body.refreshToken !== undefined) return this.auth.refresh(body.refreshToken);
    const cookie = readRefreshCookie(request);
    if (cookie === undefined) throw new DomainError('REFRESH_TOKEN_INVALID');
    try {
      const pair = await this.auth.refresh(cookie);
      setRefreshCookie(response, this.config, pair.refreshToken);
      return withoutRefreshToken(pair);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'REFRESH_TOKEN_INVALID')
        clearRefreshCookie(response, this.config);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary: 'Revoke the refresh token and every token rotated from the same login',
    description: `The token comes from the body or, when the body has none, from the \`${REFRESH_COOKIE}\` cookie; the cookie is cleared, except for a browser request from another origin (Sec-Fetch-Site other than same-origin), which never uses it.`,
  })
  @ApiNoContentResponse()
  async logout(
    @Body() body: RefreshDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    refuseNonJsonBody(request);
    const token = body.refreshToken ?? readRefreshCookie(request);
    // Another origin's request leaves the cookie alone (clearing it would log the person out).
    if (refreshCookieHonoured(request)) clearRefreshCookie(response, this.config);
    if (token !== undefined) await this.auth.logout(token);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account behind the access token, with its delegate seat if it has one' })
  async me(
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AuthenticatedUser & { delegateId: string | null }> {
    return { ...user, delegateId: await this.auth.delegateOf(user.id) };
  }
}
