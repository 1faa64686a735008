/** Renders an application object's state (src/conversation/observable.ts) and follows its changes. */
import { useSyncExternalStore } from 'react';

export interface Watchable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

export function useObservable<S>(source: Watchable<S>): S {
  return useSyncExternalStore(source.subscribe, source.getState);
}
