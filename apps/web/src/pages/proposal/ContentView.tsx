import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const MAX_DEPTH = 4;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One value of a proposal's content, whatever its kind: text, list, key/value list, or JSON when too deep. */
function Value({ value, depth }: { value: unknown; depth: number }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <Text span>{t('proposal.empty')}</Text>;
  if (typeof value === 'boolean') return <Text span>{value ? t('proposal.yes') : t('proposal.no')}</Text>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return <Text span>{String(value)}</Text>;
  if (depth >= MAX_DEPTH) return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    if (items.length === 0) return <Text span>{t('proposal.empty')}</Text>;
    return (
      <ul className="content-list">
        {items.map((item, i) => (
          <li key={i}>
            <Value value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return <Text span>{t('proposal.empty')}</Text>;
    return (
      <dl className="definition-list">
        {entries.map(([k, v]) => (
          <div key={k} className="definition-row">
            <dt>{k}</dt>
            <dd>
              <Value value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** A proposal's content rendered generically, so every kind of proposal can be read without a kind-specific view. */
export function ContentView({ content }: { content: unknown }) {
  return (
    <div className="content-view">
      <Value value={content} depth={0} />
    </div>
  );
}
