import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After a failed submit, move focus to the first field marked invalid (in page order), once the error messages are
 * on screen: the screen reader then reads the field and its message.
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    const target = ref.current?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [data-focus-invalid="true"]',
    );
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [request]);
  const focusFirstInvalid = useCallback(() => setRequest((n) => n + 1), []);
  return { ref, focusFirstInvalid };
}
