/**
 * comlink speaks to a browser Worker through postMessage; this adapter lets the
 * same API cross a Node child process's IPC channel instead. Messages are
 * structured-cloned ("advanced" serialization), so ArrayBuffers travel as
 * bytes, not JSON. comlink proxies (callbacks) cannot cross a process; the API
 * is designed without them.
 */
import type { Endpoint } from 'comlink';

interface IpcChannel {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ChildProcess.send and process.send disagree on their message type
  send?: (message: any) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

type Listener = EventListenerOrEventListenerObject;

export function processEndpoint(channel: IpcChannel): Endpoint {
  const wrapped = new Map<Listener, (message: unknown) => void>();
  return {
    postMessage(message: unknown): void {
      channel.send?.(message);
    },
    addEventListener(_type: string, listener: Listener): void {
      const handler = (data: unknown): void => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, handler);
      channel.on('message', handler);
    },
    removeEventListener(_type: string, listener: Listener): void {
      const handler = wrapped.get(listener);
      if (handler) channel.off('message', handler);
      wrapped.delete(listener);
    },
  };
}
