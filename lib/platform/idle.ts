// The machine's idle state (chrome.idle / browser.idle, Chrome and Firefox MV3): nobody at a
// locked or idle machine needs their requests polled. Firefox reports only active and idle.
import { browser } from 'wxt/browser';
import type { IdleState } from '../tracking/schedule';

/**
 * No input for this long counts as idle. Long enough that reading a page is not idle; the
 * first touch afterwards brings a look within seconds anyway.
 */
export const IDLE_AFTER_S = 5 * 60;

export function setDetectionInterval(seconds: number): void {
  browser.idle.setDetectionInterval(seconds);
}

export function queryIdle(seconds: number): Promise<IdleState> {
  return browser.idle.queryState(seconds);
}

/** Fires on every change; the listener registered in the worker's first turn wakes it. */
export function onIdleStateChanged(listener: (state: IdleState) => void): void {
  browser.idle.onStateChanged.addListener(listener);
}
