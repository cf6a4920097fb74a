import type { ReactNode } from 'react';

/** Label/value pairs as a <dl>; values may be text or nodes. */
export function DefinitionList({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="definition-list">
      {rows.map(([label, value]) => (
        <div key={label} className="definition-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
