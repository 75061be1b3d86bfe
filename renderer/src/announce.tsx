// Where the work goes next: one polite live region that tells screen readers what just happened,
// and the focus moved to where the RAO works next (after adding documents, sending a code, signing).
// A move asked for before its target exists (the job pane still loading) waits for the target.
import { useEffect, useState } from 'react';

type Listener = (text: string) => void;
const listeners = new Set<Listener>();

/** Says `text` once in the live region (read out by screen readers without moving anything). */
export function announce(text: string): void {
  for (const listener of listeners) listener(text);
}

/** The one live region of the desk; App mounts it once. */
export function Announcer(): React.JSX.Element {
  const [text, setText] = useState('');
  useEffect(() => {
    let clear: number | undefined;
    const listener: Listener = (next) => {
      // Emptied first, so the same words said twice are read twice.
      setText('');
      window.clearTimeout(clear);
      clear = window.setTimeout(() => {
        setText(next);
        // Said once; an old sentence left in the region would be read again out of context.
        clear = window.setTimeout(() => setText(''), 8000);
      }, 50);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      window.clearTimeout(clear);
    };
  }, []);
  return (
    // A live region without a role: the screens' own status lines stay the only "status" to find.
    <div aria-live="polite" aria-atomic="true" className="visually-hidden" id="announcer">
      {text}
    </div>
  );
}

/** Where a pending move goes, named by the place the RAO works next. */
export type FocusTarget = 'signer' | 'otpCode' | 'results' | 'connection' | 'tokenForm';
let pending: FocusTarget | null = null;

/** Asks for the focus to go to `target` as soon as that place is shown. */
export function focusWhenShown(target: FocusTarget): void {
  pending = target;
}

/** Called by the place itself when it is shown: takes the focus if it was asked for. */
export function takeFocusIfAsked(target: FocusTarget, element: HTMLElement | null): boolean {
  if (pending !== target || !element) return false;
  pending = null;
  element.focus();
  element.scrollIntoView({ block: 'nearest' });
  return true;
}
