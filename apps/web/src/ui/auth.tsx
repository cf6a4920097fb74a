import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { Me } from '@presence/shared';
import { endpoints, keys } from '../api';
import { Loading } from './Loading';
import { ErrorMessage } from './ErrorMessage';

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside <RequireAuth>. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside <RequireAuth>');
  return me;
}

export function useMeQuery() {
  return useQuery({ queryKey: keys.me, queryFn: endpoints.me, staleTime: 60_000, retry: false });
}

/** Renders its children for a signed-in user; otherwise goes to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
