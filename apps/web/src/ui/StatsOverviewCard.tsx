import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endpoints, keys, type FacilityStats, type MaskedCount } from '../api';
import { tDynamic } from '../i18n';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';

const AGE_BANDS: Record<string, string> = { '<60': 'under60', '60-74': 'from60to74', '75-84': 'from75to84', '85-94': 'from85to94', '95+': 'over95' };

function CountTable({ caption, rows }: { caption: string; rows: [string, MaskedCount][] }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder captionSide="top">
      <Table.Caption style={{ fontWeight: 700, textAlign: 'left', color: 'inherit' }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('stats.category')}</Table.Th>
          <Table.Th scope="col">{t('stats.count')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, n]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={400}>
              {label}
            </Table.Th>
            <Table.Td>{n}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FacilityBlock({ f }: { f: FacilityStats }) {
  const { t } = useTranslation();
  const label = (prefix: string, key: string) => tDynamic(`${prefix}.${key}`) ?? key;
  return (
    <Stack gap="sm">
      <Title order={3}>
        {f.name} ({t(`facilityKinds.${f.kind}`)})
      </Title>
      <Text>
        {t('stats.total')} : <strong>{f.people}</strong>
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <CountTable caption={t('stats.byStatus')} rows={Object.entries(f.byStatus).map(([k, n]) => [label('statuses', k), n])} />
        <CountTable caption={t('stats.bySex')} rows={Object.entries(f.bySex).map(([k, n]) => [label('sexes', k), n])} />
        <CountTable
          caption={t('stats.byAgeBand')}
          rows={Object.keys(AGE_BANDS)
            .filter((band) => band in f.byAgeBand)
            .map((band) => [label('stats.ageBands', AGE_BANDS[band] ?? band), f.byAgeBand[band] ?? 0])}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Aggregate figures for governance (user representatives, direction): no identities, small cells masked by the server. */
export function StatsOverviewCard() {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: keys.stats, queryFn: endpoints.statsOverview });
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="stats-title">
      <Title order={2} id="stats-title">
        {t('home.statsTitle')}
      </Title>
      <Text mb="md">{t('home.statsIntro')}</Text>
      {stats.isPending && <Loading />}
      {stats.isError && <ErrorMessage error={stats.error} />}
      {stats.data && stats.data.facilities.length === 0 && <Text>{t('stats.empty')}</Text>}
      <Stack gap="xl">
        {stats.data?.facilities.map((f) => (
          <FacilityBlock key={f.facilityId} f={f} />
        ))}
      </Stack>
    </Card>
  );
}
