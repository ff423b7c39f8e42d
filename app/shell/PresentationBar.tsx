/** The bar over a presentation: position, previous / next, full screen, leave, and the keys. */
interface Props {
  index: number;
  count: number;
  onMove(to: number): void;
  onLeave(): void;
  fullscreen: { active: boolean; supported: boolean; toggle(): void };
}

export function PresentationBar({ index, count, onMove, onLeave, fullscreen }: Props) {
  return (
    <div className="presentation-bar">
      <span className="presentation-position" aria-live="polite">
        {index + 1} / {count}
      </span>
      <button type="button" onClick={() => onMove(index - 1)} disabled={index === 0}>
        Previous
      </button>
      <button type="button" onClick={() => onMove(index + 1)} disabled={index === count - 1}>
        Next
      </button>
      {fullscreen.supported ? (
        <button type="button" aria-pressed={fullscreen.active} onClick={fullscreen.toggle} title="Full screen (F)">
          {fullscreen.active ? 'Exit full screen' : 'Full screen'}
        </button>
      ) : null}
      <button type="button" onClick={onLeave}>
        Leave presentation
      </button>
      <span className="presentation-hint">← → step · F full screen · Esc leaves</span>
    </div>
  );
}
