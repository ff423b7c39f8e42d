/** Load data / use built-in data / normalize masses: the tools under a Sinkhorn view's controls. */
import { LoadData } from '../../io/LoadData';
import type { useSolve } from './useSolve';

export function DataTools({ state, error }: { state: ReturnType<typeof useSolve>; error: string | null }) {
  const differ = error !== null && /masses differ/.test(error);
  return (
    <div className="sinkhorn-data-tools">
      <LoadData onLoad={(file) => state.load(file)} />
      {state.loaded ? (
        <p className="data-note">
          Using {state.loaded.name} ({state.loaded.n}×{state.loaded.m}
          {state.normalize ? ', masses normalized to 1' : ''}).{' '}
          <button type="button" onClick={() => state.unload()}>
            Use built-in data
          </button>
        </p>
      ) : null}
      {state.loaded && differ && !state.normalize ? (
        <button type="button" onClick={() => state.setNormalize(true)}>
          Normalize both masses to 1
        </button>
      ) : null}
    </div>
  );
}
