import { Checkbox, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { guaranteeEndpoints, guaranteeKeys } from '../../api/guarantee';

/** The content of an `activity.suggestions` proposal. */
export interface SuggestionItem {
  activityKey: string;
  rank: number;
  score?: number;
  reasons: string[];
}
export const isSuggestions = (kind: string, content: unknown): content is { items: SuggestionItem[] } =>
  kind === 'activity.suggestions' && typeof content === 'object' && content !== null && Array.isArray((content as { items?: unknown }).items);

function useActivityNames(): (key: string) => string {
  const catalogue = useQuery({ queryKey: guaranteeKeys.catalogue, queryFn: guaranteeEndpoints.catalogue, staleTime: 5 * 60_000 });
  const names = new Map((catalogue.data ?? []).map((a) => [a.key, a.name]));
  return (key) => names.get(key) ?? key;
}

/** Suggested activities in order, with the reasons of each. */
export function SuggestionsView({ items }: { items: SuggestionItem[] }) {
  const { t } = useTranslation();
  const name = useActivityNames();
  return (
    <List type="ordered" spacing="sm" aria-label={t('personActivities.listLabel')}>
      {items.map((item) => (
        <List.Item key={item.activityKey}>
          <Text fw={700} span>
            {name(item.activityKey)}
          </Text>
          {item.reasons.length > 0 && (
            <Text size="sm">
              {t('personActivities.why')} : {item.reasons.join(' · ')}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/** Amending suggestions: keep or remove each activity; ranks follow the remaining order. */
export function SuggestionsEditor({ items, kept, onChange }: { items: SuggestionItem[]; kept: Set<string>; onChange: (kept: Set<string>) => void }) {
  const { t } = useTranslation();
  const name = useActivityNames();
  return (
    <Stack gap="xs" role="group" aria-label={t('personActivities.keepGroup')}>
      <Text fw={700}>{t('personActivities.keepGroup')}</Text>
      {items.map((item) => (
        <Checkbox
          key={item.activityKey}
          label={t('personActivities.keep', { name: name(item.activityKey) })}
          checked={kept.has(item.activityKey)}
          onChange={(e) => {
            const next = new Set(kept);
            if (e.currentTarget.checked) next.add(item.activityKey);
            else next.delete(item.activityKey);
            onChange(next);
          }}
        />
      ))}
    </Stack>
  );
}

/** The amended content from the kept activities, ranks renumbered. */
export function keptContent(items: SuggestionItem[], kept: Set<string>): { items: SuggestionItem[] } {
  return { items: items.filter((i) => kept.has(i.activityKey)).map((i, n) => ({ ...i, rank: n + 1 })) };
}
