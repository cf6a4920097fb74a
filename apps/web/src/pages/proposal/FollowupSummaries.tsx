import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';

/** The content of a `needs.synthesis` proposal: the synthesis's sentences, in reading order. */
export const isSynthesisContent = (kind: string, content: unknown): content is { synthesisId: string; sentences: { id: string; text: string }[] } =>
  kind === 'needs.synthesis' && typeof content === 'object' && content !== null && Array.isArray((content as { sentences?: unknown }).sentences);

/** The content of an `appointment.slots` proposal: the slots, and the one chosen. */
export const isSlotsContent = (kind: string, content: unknown): content is { requestId: string; slots: { start: string; end: string }[]; chosen?: number } =>
  kind === 'appointment.slots' && typeof content === 'object' && content !== null && Array.isArray((content as { slots?: unknown }).slots);

export function SynthesisContentView({ sentences }: { sentences: { id: string; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <List spacing={4} aria-label={t('synthesis.sentencesLabel')}>
      {sentences.map((s) => (
        <List.Item key={s.id}>
          <Text span size="sm" c="dimmed">
            {s.id}
          </Text>{' '}
          {s.text}
        </List.Item>
      ))}
    </List>
  );
}

export function SlotsContentView({ slots, chosen = 0 }: { slots: { start: string; end: string }[]; chosen?: number }) {
  const { t } = useTranslation();
  return (
    <List type="ordered" spacing={4} aria-label={t('appointments.slotsLabel')}>
      {slots.map((s, k) => (
        <List.Item key={s.start}>
          <Text span fw={k === chosen ? 700 : 400}>
            {formatDateTime(`${s.start}:00`)} – {s.end.slice(11)}
          </Text>
          {k === chosen && ` (${t('appointments.chosenSlot')})`}
        </List.Item>
      ))}
    </List>
  );
}
