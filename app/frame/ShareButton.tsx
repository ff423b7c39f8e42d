/**
 * A button that copies a link. The link is also shown in a read-only text field,
 * so it can be copied by hand when the browser denies the clipboard.
 */
import { useEffect, useId, useRef, useState } from 'react';

interface Props {
  /** Visible text of the button. */
  label: string;
  /** Accessible name, when the visible text is not enough (several Share buttons on a page). */
  ariaLabel?: string;
  getLink(): string;
}

export function ShareButton({ label, ariaLabel, getLink }: Props) {
  const [shared, setShared] = useState<{ link: string; copied: boolean } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    if (shared && !shared.copied) field.current?.select();
  }, [shared]);
  const share = async () => {
    const link = getLink();
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      // Denied or unavailable (insecure context, permissions): the field below is the fallback.
    }
    setShared({ link, copied });
  };
  return (
    <span className="share">
      <button type="button" aria-label={ariaLabel} onClick={() => void share()} aria-controls={shared ? id : undefined}>
        {label}
      </button>
      {shared ? (
        <span className="share-result" id={id}>
          <span className="share-message" aria-live="polite">
            {shared.copied ? 'Link copied.' : 'Copy this link:'}
          </span>
          <input
            ref={field}
            className="share-link"
            type="text"
            readOnly
            value={shared.link}
            aria-label="Share link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="share-close" aria-label="Close share link" onClick={() => setShared(null)}>
            ×
          </button>
        </span>
      ) : null}
    </span>
  );
}
