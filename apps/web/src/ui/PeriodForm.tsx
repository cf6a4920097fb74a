import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Two dates and a "show" button: the period of a set of figures, applied when submitted. */
export function PeriodForm({ initial, onShow }: { initial: { from: string; to: string }; onShow: (period: { from: string; to: string }) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  return (
    <form onSubmit={(e) => (e.preventDefault(), onShow({ from, to }))}>
      <Group wrap="wrap" align="flex-end">
        <TextInput type="date" label={t('timeBack.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('timeBack.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button type="submit" variant="outline">
          {t('timeBack.show')}
        </Button>
      </Group>
    </form>
  );
}
