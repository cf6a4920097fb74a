import type { ReactNode } from 'react';

/**
 * A message box whose text keeps the page's text colour (contrast ≥ 4.5:1 on any tone): the tone shows only in the
 * left border and the background tint.
 */
export function Notice({
  tone,
  title,
  role,
  children,
}: {
  tone: 'info' | 'success' | 'warning' | 'danger';
  title?: string;
  role?: 'status' | 'alert';
  children?: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {title && <strong className="notice-title">{title}</strong>}
      {children && <div>{children}</div>}
    </div>
  );
}
