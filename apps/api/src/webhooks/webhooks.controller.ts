import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import { CreateWebhookDto, ListDeliveriesQuery } from './dto/webhook.dto.js';
import { WebhooksService, type DeliveryView, type WebhookView } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('institutions/:code/webhooks')
  @ApiOperation({
    summary:
      'Register an endpoint of an institution (admin). The answer carries the signing secret, shown only this once.',
  })
  create(
    @Param('code') code: string,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookView & { secret: string }> {
    return this.webhooks.create(code, body);
  }

  @Get('institutions/:code/webhooks')
  @ApiOperation({ summary: "An institution's endpoints (admin)" })
  list(@Param('code') code: string): Promise<WebhookView[]> {
    return this.webhooks.list(code);
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate an endpoint (admin); its pending deliveries go to the dead-letter list',
  })
  deactivate(@Param('id', UuidParam) id: string): Promise<void> {
    return this.webhooks.deactivate(id);
  }

  @Post('webhooks/:id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Replace the signing secret of an active endpoint (admin). The answer carries the new secret, shown only this once; every later delivery attempt is signed with it.',
  })
  rotateSecret(@Param('id', UuidParam) id: string): Promise<WebhookView & { secret: string }> {
    return this.webhooks.rotateSecret(id);
  }

  @Get('webhooks/deliveries')
  @ApiOperation({ summary: 'Deliveries by status, newest first; `failed` is the dead-letter list (admin)' })
  deliveries(@Query() query: ListDeliveriesQuery): Promise<DeliveryView[]> {
    return this.webhooks.deliveries(query.status ?? 'failed', query.limit ?? 100);
  }

  @Post('webhooks/deliveries/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a dead-lettered delivery again, with fresh attempts (admin)' })
  replay(@Param('id', UuidParam) id: string): Promise<void> {
    return this.webhooks.replay(id);
  }
}
