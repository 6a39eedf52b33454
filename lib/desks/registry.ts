// Every desk kind behind one DeskAdapter; adding a desk is one line here.
import type { HttpDeps } from '../http/client';
import { createRtAdapter } from './rt/adapter';
import type { DeskAdapter, DeskConfig, DeskKind } from './types';

const factories: Record<DeskKind, (config: DeskConfig, deps: HttpDeps) => DeskAdapter> = {
  rt: createRtAdapter,
};

export function createAdapter(config: DeskConfig, deps: HttpDeps): DeskAdapter {
  return factories[config.kind](config, deps);
}
