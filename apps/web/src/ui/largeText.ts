import { useCallback, useState } from 'react';

const LARGE_TEXT_KEY = 'presence.largeText';

function readLargeText(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === 'true';
  } catch {
    return false;
  }
}

/** Applies the stored "large text" preference to the root element (root font size; Mantine sizes are in rem). */
export function applyStoredPreferences(): void {
  document.documentElement.dataset.largeText = String(readLargeText());
}

export function useLargeText(): [boolean, () => void] {
  const [on, setOn] = useState(readLargeText);
  const toggle = useCallback(() => {
    setOn((prev) => {
      const next = !prev;
      try {
        localStorage.setItem(LARGE_TEXT_KEY, String(next));
      } catch {
        // storage unavailable: the choice lasts for this page only
      }
      document.documentElement.dataset.largeText = String(next);
      return next;
    });
  }, []);
  return [on, toggle];
}
