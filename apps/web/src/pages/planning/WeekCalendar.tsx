import { useState } from 'react';
import { ActionIcon, Badge, Group, NativeSelect, Paper, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanInstance, PlanSessionDraft } from '../../api';
import { formatDate } from '../../ui/format';
import { shortDayKey } from './days';

export interface CalendarNames {
  activity: (id: string) => string;
  room: (id: string) => string;
  leader: (id: string) => string;
}

const period = (slotId: string) => slotId.slice(slotId.indexOf('-') + 1);
const PERIOD_ORDER = ['am', 'pm', 'late'];

/** Days × periods of the week's slots, for the calendar grid. */
export function calendarGrid(instance: PlanInstance) {
  const days = [...new Set(instance.slots.map((s) => s.date))].sort();
  const periods = [...new Set(instance.slots.map((s) => period(s.id)))].sort((a, b) => PERIOD_ORDER.indexOf(a) - PERIOD_ORDER.indexOf(b));
  const slotAt = (day: string, p: string) => instance.slots.find((s) => s.date === day && period(s.id) === p) ?? null;
  return { days, periods, slotAt };
}

interface Props {
  instance: PlanInstance;
  sessions: PlanSessionDraft[];
  names: CalendarNames;
  /** Session indexes with a violated constraint. */
  flagged: Set<number>;
  editable: boolean;
  selected: number | null;
  onSelect: (index: number | null) => void;
  onMove: (index: number, slotId: string) => void;
  onRemove: (index: number) => void;
}

/**
 * The week as a grid (days in columns, morning / afternoon / late afternoon in rows). Sessions are dragged to another
 * cell to move them; every card also has a "move to" list and a remove button, so the grid works without a mouse.
 */
export function WeekCalendar({ instance, sessions, names, flagged, editable, selected, onSelect, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const { days, periods, slotAt } = calendarGrid(instance);
  const [over, setOver] = useState<string | null>(null);
  const slotLabel = (id: string) => {
    const s = instance.slots.find((x) => x.id === id);
    return s ? `${formatDate(s.date)} ${s.start}–${s.end}` : id;
  };
  return (
    <div className="week-calendar" role="region" aria-label={t('planning.calendarLabel')}>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <VisuallyHidden>{t('planning.period')}</VisuallyHidden>
            </th>
            {days.map((d) => (
              <th key={d} scope="col">
                {t(shortDayKey(d))} {formatDate(d).slice(0, 5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p}>
              <th scope="row">{t(`planning.periods.${p}`, { defaultValue: p })}</th>
              {days.map((d) => {
                const slot = slotAt(d, p);
                if (!slot) return <td key={d} className="calendar-empty" />;
                const here = sessions.map((s, i) => [s, i] as const).filter(([s]) => s.slot === slot.id);
                return (
                  <td
                    key={d}
                    data-slot={slot.id}
                    className={over === slot.id ? 'calendar-cell drop-target' : 'calendar-cell'}
                    onDragOver={(e) => {
                      if (!editable) return;
                      e.preventDefault();
                      setOver(slot.id);
                    }}
                    onDragLeave={() => setOver(null)}
                    onDrop={(e) => {
                      e.preventDefault();
                      setOver(null);
                      const index = Number(e.dataTransfer.getData('text/plain'));
                      if (editable && Number.isInteger(index)) onMove(index, slot.id);
                    }}
                  >
                    <Text size="xs" c="dimmed">
                      {slot.start}–{slot.end}
                    </Text>
                    <Stack gap={6}>
                      {here.map(([s, i]) => (
                        <Paper
                          key={`${s.activity}-${s.room}`}
                          withBorder
                          p={6}
                          className={`session-card${flagged.has(i) ? ' session-flagged' : ''}${selected === i ? ' session-selected' : ''}`}
                          draggable={editable}
                          onDragStart={(e) => e.dataTransfer.setData('text/plain', String(i))}
                          data-testid="session-card"
                        >
                          <UnstyledButton className="session-title" onClick={() => onSelect(selected === i ? null : i)} aria-expanded={selected === i}>
                            {names.activity(s.activity)}
                          </UnstyledButton>
                          <Text size="xs">
                            {names.room(s.room)} · {names.leader(s.leader)}
                          </Text>
                          <Group gap={4} justify="space-between" wrap="nowrap">
                            <Badge variant="light" size="sm">
                              {t('planning.invited', { count: s.participants.length })}
                            </Badge>
                            {flagged.has(i) && (
                              <Badge color="red" size="sm">
                                {t('planning.conflict')}
                              </Badge>
                            )}
                            {editable && (
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                size="sm"
                                aria-label={t('planning.removeSession', { name: names.activity(s.activity) })}
                                onClick={() => onRemove(i)}
                              >
                                ×
                              </ActionIcon>
                            )}
                          </Group>
                          {editable && selected === i && (
                            <NativeSelect
                              size="xs"
                              aria-label={t('planning.moveTo', { name: names.activity(s.activity) })}
                              value={s.slot}
                              data={instance.slots.map((x) => ({ value: x.id, label: slotLabel(x.id) }))}
                              onChange={(e) => onMove(i, e.currentTarget.value)}
                            />
                          )}
                        </Paper>
                      ))}
                    </Stack>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
