import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { of, type Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { LiveIoAdapter } from './live-io.adapter.js';

class FakeSocket extends EventEmitter {
  readonly emitted: unknown[][] = [];
  override emit(event: string, ...args: unknown[]): boolean {
    if (event.startsWith('to-client:')) {
      this.emitted.push([event, ...args]);
      return true;
    }
    return super.emit(event, ...args);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveIoAdapter', () => {
  const adapter = new LiveIoAdapter();
  const bind = (
    callback: (data: unknown, ack?: unknown) => Promise<unknown> | Observable<unknown>,
    isAckHandledManually = false,
  ) => {
    const socket = new FakeSocket();
    adapter.bindMessageHandlers(
      socket as unknown as Socket,
      [{ message: 'session.join', methodName: 'join', callback, isAckHandledManually }],
      () => of(null),
    );
    return socket;
  };

  it('answers the acknowledgement with what the handler resolves to, once per message', async () => {
    const seen: unknown[] = [];
    const socket = bind(async (data) => {
      seen.push(data);
      return { ok: true, data };
    });
    const acks: unknown[] = [];
    socket.emit('session.join', { sessionId: 'a' }, (answer: unknown) => acks.push(answer));
    socket.emit('session.join', { sessionId: 'b' }, (answer: unknown) => acks.push(answer));
    await settle();
    expect(seen).toEqual([{ sessionId: 'a' }, { sessionId: 'b' }]);
    expect(acks).toEqual([
      { ok: true, data: { sessionId: 'a' } },
      { ok: true, data: { sessionId: 'b' } },
    ]);
    expect(socket.listenerCount('session.join')).toBe(1);
  });

  it('takes an observable answer, emits an { event, data } answer, and leaves a manual ack to the handler', async () => {
    const acks: unknown[] = [];
    bind(() => of({ ok: true })).emit('session.join', {}, (a: unknown) => acks.push(a));
    const emitting = bind(async () => ({ event: 'to-client:hello', data: 1 }));
    emitting.emit('session.join', {}, (a: unknown) => acks.push(a));
    bind(async () => ({ ok: 'manual' }), true).emit('session.join', {}, (a: unknown) => acks.push(a));
    await settle();
    expect(acks).toEqual([{ ok: true }]);
    expect(emitting.emitted).toEqual([['to-client:hello', 1]]);
  });

  it('a handler that throws is logged and the socket keeps listening', async () => {
    let calls = 0;
    const socket = bind(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return { ok: true };
    });
    const acks: unknown[] = [];
    const logged = jest
      .spyOn((adapter as unknown as { handlerLogger: { error: () => void } }).handlerLogger, 'error')
      .mockImplementation(() => undefined);
    socket.emit('session.join', {}, (a: unknown) => acks.push(a));
    await settle();
    socket.emit('session.join', {}, (a: unknown) => acks.push(a));
    await settle();
    expect(logged).toHaveBeenCalledTimes(1);
    expect(acks).toEqual([{ ok: true }]);
  });
});
