import { negotiateLanguage, type Language } from '#domain';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export function requestLanguage(request: Pick<Request, 'headers'>): Language {
  return negotiateLanguage(request.headers['accept-language']);
}

/** The caller's language (es or en) from Accept-Language. */
export const Lang = createParamDecorator((_data: unknown, context: ExecutionContext): Language =>
  requestLanguage(context.switchToHttp().getRequest<Request>()),
);
