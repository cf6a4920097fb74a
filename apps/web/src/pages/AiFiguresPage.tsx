import { useState } from 'react';
import { Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can, endpoints, keys } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, daysAgoIso, formatDate, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { FIGURE_KEYS, useFigureFormat } from './ai/figureRows';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Guarantee figures per AI feature over a chosen period: one column per feature, one row per measure. */
export function AiFiguresPage() {
  const { t } = useTranslation();
  usePageTitle(t('figures.title'));
  const me = useMe();
  const allowed = can.seeAiFigures(me.role);
  const [from, setFrom] = useState(() => daysAgoIso(90));
  const [to, setTo] = useState(todayIso);
  const valid = DATE.test(from) && DATE.test(to) && from <= to;
  const figures = useQuery({
    queryKey: keys.aiFigures({ from, to }),
    // The end date is included: the server's bound is exclusive, so ask up to the next day.
    queryFn: () => endpoints.aiFigures({ from, to: addDaysIso(to, 1) }),
    enabled: allowed && valid,
    placeholderData: keepPreviousData,
  });
  const format = useFigureFormat();

  if (!allowed) return <Forbidden title={t('figures.title')} />;
  const rows = figures.data ?? [];

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('figures.title')}</Title>
        <Text mt="xs">{t('figures.intro')}</Text>
      </div>
      <Paper withBorder p="md" component="section" aria-labelledby="period-title">
        <Title order={2} size="h4" id="period-title" mb="sm">
          {t('figures.period')}
        </Title>
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput label={t('figures.from')} type="date" value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput
            label={t('figures.to')}
            type="date"
            value={to}
            min={from}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={valid ? undefined : t('figures.badPeriod')}
          />
        </Group>
      </Paper>
      {figures.isPending && valid && <Loading />}
      {figures.isError && <ErrorMessage error={figures.error} />}
      {figures.data && rows.length === 0 && <Text>{t('figures.empty')}</Text>}
      {rows.length > 0 && (
        // A keyboard-focusable scrolling region: with many features the table is wider than a tablet (WCAG 2.1.1).
        <div className="table-scroll" role="region" aria-label={t('figures.caption', { from: formatDate(from), to: formatDate(to) })} tabIndex={0}>
          <Table withTableBorder striped captionSide="top" style={{ minWidth: Math.max(480, 240 + rows.length * 160) }}>
            <Table.Caption style={{ textAlign: 'left', fontWeight: 700, color: 'inherit' }}>
              {t('figures.caption', { from: formatDate(from), to: formatDate(to) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('figures.measure')}</Table.Th>
                {rows.map((r) => (
                  <Table.Th scope="col" key={r.systemId}>
                    {r.name}
                    <Text size="sm" fw={400}>
                      {t('register.engineVersion')} : {r.engineVersion}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {FIGURE_KEYS.map((k) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row" fw={400}>
                    {t(`figures.${k}`)}
                  </Table.Th>
                  {rows.map((r) => (
                    <Table.Td key={r.systemId}>{format(k, r.figures)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Text size="sm">{t('register.automationBiasHint')}</Text>
    </Stack>
  );
}
