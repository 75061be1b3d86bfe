// Small hooks over the bridge: subscribe to events for the life of a component, and call an
// operation turning its Result into state a component can show.
import { useEffect, useRef } from 'react';
import type { BridgeEvent } from '../../shared/contract';
import { bridge } from './bridge';

export function useBridgeEvents(listener: (event: BridgeEvent) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => bridge.subscribe((event) => latest.current(event)), []);
}

/** Calls `fn` at most once per `ms`, with the latest arguments (for bursts of progress events). */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: number | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
