// The baseline of `npm run bench -- reads`: a minimal NestJS app (same @nestjs/core and
// platform-express as the API, default logger off) answering the two public reads with bodies of the
// same size as the API's, so the ratio shows what the API's middleware, guards and queries cost.
// Plain .mjs has no decorator syntax, so the decorators are applied as the compiler would.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const bodies = await new Promise((resolve) => process.once('message', resolve));

class BareController {
  list() {
    return bodies.list;
  }
  page() {
    return bodies.page;
  }
}
const method = (name) => Object.getOwnPropertyDescriptor(BareController.prototype, name);
Reflect.decorate([Get()], BareController.prototype, 'list', method('list'));
Reflect.decorate([Get(':number')], BareController.prototype, 'page', method('page'));
Reflect.decorate([Controller('resolutions')], BareController);
class BareModule {}
Reflect.decorate([Module({ controllers: [BareController] })], BareModule);

const app = await NestFactory.create(BareModule, { logger: false });
app.setGlobalPrefix('api');
await app.listen(0, '127.0.0.1');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
process.send({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
