import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonDetail } from '@presence/shared';
import { keys } from '../../api';

/** A write on a person's record: every such endpoint answers the updated record, which replaces the cached one. */
export function usePersonWrite<V>(
  personId: string,
  write: (vars: V) => Promise<PersonDetail>,
  handlers: { onSuccess?: (d: PersonDetail) => void; onError?: (e: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (detail) => {
      queryClient.setQueryData(keys.person(personId), detail);
      handlers.onSuccess?.(detail);
    },
    onError: (err) => handlers.onError?.(err),
  });
}
