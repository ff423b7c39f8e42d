/**
 * The main thread's handle on the compute worker. One worker for the app; every
 * view talks to it through `useJob`.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../../src/workers/engine.worker';
import type { BackendPreference, BackendStatus } from '../../src/workers/backend';

let remote: Comlink.Remote<EngineApi> | null = null;

export function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../src/workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'curvature-engine',
    });
    remote = Comlink.wrap<EngineApi>(worker);
  }
  return remote;
}

/** `?backend=gpu|cpu` (before or inside the hash) forces a path; anything else is `auto`. */
export function backendPreference(location: Location = window.location): BackendPreference {
  const fromSearch = new URLSearchParams(location.search).get('backend');
  const hashQuery = location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?') + 1) : '';
  const value = fromSearch ?? new URLSearchParams(hashQuery).get('backend');
  return value === 'gpu' || value === 'cpu' ? value : 'auto';
}

export async function startEngine(
  preference: BackendPreference,
  onStatus: (status: BackendStatus) => void,
): Promise<BackendStatus> {
  const status = await engine().init(preference, Comlink.proxy(onStatus));
  onStatus(status);
  return status;
}
