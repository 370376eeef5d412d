import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';

/**
 * socket.io for Nest with one plain listener per event and socket. Nest's IoAdapter builds an rxjs
 * pipeline per event and socket (fromEvent, mergeMap, takeUntil a shared disconnect stream), which
 * thousands of listening phones pay for in memory although they never send more than a join.
 * Handlers behave as there: the answer goes to the acknowledgement, an `{ event, data }` answer is
 * emitted, a failure is logged (the gateways answer failures themselves).
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly handlerLogger = new Logger('LiveIoAdapter');

  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    // Nest's promise-to-observable step: the listener awaits the answer itself.
    _transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args) as { data: unknown; ack?: (answer: unknown) => void };
        void this.answer(socket, () => callback(data, ack), isAckHandledManually ? undefined : ack);
      });
    }
  }

  private async answer(
    socket: Socket,
    run: () => unknown,
    ack: ((answer: unknown) => void) | undefined,
  ): Promise<void> {
    try {
      let response = await run();
      if (isObservable(response)) response = await lastValueFrom(response, { defaultValue: undefined });
      if (response === undefined || response === null) return;
      const emitted = response as { event?: unknown; data?: unknown };
      if (typeof emitted.event === 'string') {
        socket.emit(emitted.event, emitted.data);
        return;
      }
      if (typeof ack === 'function') ack(response);
    } catch (error) {
      this.handlerLogger.error({ err: error }, 'socket handler failed');
    }
  }
}
