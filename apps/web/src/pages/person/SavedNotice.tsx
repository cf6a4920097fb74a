import { Alert } from '@mantine/core';

/** A polite confirmation after a save, announced by screen readers. */
export function SavedNotice({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert color="teal" variant="light" my="sm">
          {message}
        </Alert>
      )}
    </div>
  );
}
