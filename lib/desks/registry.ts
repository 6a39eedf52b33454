// Every desk kind behind one DeskAdapter; adding a desk is one line here.
import { DEFAULT_TIMEOUT_MS } from '../http/client';
import { createJsmAdapter } from './jsm/adapter';
import { createRtAdapter } from './rt/adapter';
import { createZendeskAdapter } from './zendesk/adapter';
import type { DeskConfig, DeskKind } from '../domain';
import type { AdapterDeps, DeskAdapter } from './types';

const factories: Record<DeskKind, (config: DeskConfig, deps: AdapterDeps) => DeskAdapter> = {
  rt: createRtAdapter,
  'jsm-cloud': createJsmAdapter,
  'jsm-dc': createJsmAdapter,
  zendesk: createZendeskAdapter,
};

export function createAdapter(config: DeskConfig, deps: AdapterDeps): DeskAdapter {
  return factories[config.kind](config, { ...deps, timeoutMs: config.timeoutMs ?? deps.timeoutMs });
}

/** How long a request to this desk may take before it counts as timed out. */
export function timeoutOf(config: DeskConfig | undefined): number {
  return config?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}
