import { Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, equityEndpoints, type EquityCell, type EquityRate } from '../api';
import { tDynamic } from '../i18n';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { addDaysIso, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

/** Outcome rates of each AI feature by group, with intervals; small groups masked; disparities flagged for the panel. */
export function EquityPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  usePageTitle(t('equity.title'));
  const [from, setFrom] = useState(addDaysIso(todayIso(), -90));
  const [to, setTo] = useState(todayIso());
  const [points, setPoints] = useState(10);
  const [query, setQuery] = useState({ from, to, threshold: 0.1 });
  const q = useQuery({
    queryKey: ['equity', query],
    queryFn: () => equityEndpoints.figures(query.from, query.to, query.threshold),
    enabled: can.seeEquity(me.role),
  });
  if (!can.seeEquity(me.role)) return <Forbidden title={t('equity.title')} />;
  const pct = (x: number) => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(x);
  const rate = (r: EquityRate | null) => (r ? t('equity.rate', { rate: pct(r.rate), low: pct(r.low), high: pct(r.high) }) : t('equity.none'));
  const min = q.data?.minGroup ?? 5;
  const row = (c: EquityCell, label: string, followUp: boolean) => (
    <tr key={label} className={c.flags.length ? 'equity-flagged' : undefined}>
      <th scope="row">{label}</th>
      {c.masked ? (
        <td colSpan={followUp ? 5 : 4}>{t('equity.masked', { min })}</td>
      ) : (
        <>
          <td>{c.people}</td>
          <td>
            {c.reached} · {rate(c.reach)}
          </td>
          <td>{c.decided ?? t('equity.masked', { min })}</td>
          <td>{c.acceptance ? `${c.accepted} · ${rate(c.acceptance)}` : t('equity.none')}</td>
          {followUp && <td>{c.attendance ? `${c.attended}/${c.followed} · ${rate(c.attendance)}` : t('equity.none')}</td>}
        </>
      )}
      <td>
        {c.flags.map((f) => (
          <div key={f} className="equity-flag">
            {t('equity.flagged')} : {t(`equity.cols.${f}`).toLowerCase()}
          </div>
        ))}
      </td>
    </tr>
  );
  return (
    <Stack gap="md">
      <Title order={1}>{t('equity.title')}</Title>
      <Text>{t('equity.intro', { min, threshold: points })}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ from, to, threshold: points / 100 });
        }}
      >
        <Group wrap="wrap" align="flex-end">
          <TextInput type="date" label={t('equity.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('equity.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <NumberInput label={t('equity.threshold')} value={points} onChange={(v) => setPoints(Number(v) || 10)} min={1} max={50} w={240} />
          <Button type="submit">{t('equity.show')}</Button>
        </Group>
      </form>
      {q.isPending && <Loading />}
      {q.isError && <ErrorMessage error={q.error} />}
      {q.data?.features.map((f) => (
        <Card withBorder key={f.slug}>
          <Stack gap="xs">
            <Title order={2}>{f.name}</Title>
            <Text size="sm">
              {t(`equity.measures.${f.measures.reach}`)}. {t(`equity.measures.${f.measures.acceptance}`)}.
              {f.measures.followUp && ` ${t(`equity.measures.${f.measures.followUp}`)}.`}
            </Text>
            {f.overall.reached === 0 ? (
              <Text>{t('equity.noProposal')}</Text>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={f.name}>
                <table className="data-table">
                  <caption className="visually-hidden">{f.name}</caption>
                  <thead>
                    <tr>
                      {(['group', 'people', 'reach', 'decided', 'acceptance', ...(f.measures.followUp ? (['attendance'] as const) : []), 'flag'] as const).map(
                        (k) => (
                          <th key={k} scope="col">
                            {t(`equity.cols.${k}`)}
                          </th>
                        ),
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {row(f.overall, t('equity.groups.all'), Boolean(f.measures.followUp))}
                    {f.dimensions.map((d) => [
                      <tr key={d.dimension} className="equity-dimension">
                        <th scope="rowgroup" colSpan={f.measures.followUp ? 7 : 6}>
                          {t(`equity.dimensions.${d.dimension}`)}
                        </th>
                      </tr>,
                      ...d.groups.map((g) => row(g, `${tDynamic(`equity.groups.${g.group}`) ?? g.group}`, Boolean(f.measures.followUp))),
                    ])}
                  </tbody>
                </table>
              </div>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
