import { useState } from 'react';
import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AiSystem } from '@presence/shared';
import { endpoints, keys, type AiSystemHistoryEntry } from '../../api';
import { tDynamic } from '../../i18n';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { formatDateTime } from '../../ui/format';

const FIELDS = ['enabled', 'decisionMode', 'deciderRoles', 'ownerUserId', 'facilityRiskNotes'] as const;

/** What changed in one history entry, in words: "Activée : oui → non". */
function useChanges(): (entry: AiSystemHistoryEntry) => string[] {
  const { t } = useTranslation();
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('register.none');
    if (typeof v === 'boolean') return v ? t('proposal.yes') : t('proposal.no');
    if (field === 'decisionMode' && typeof v === 'string') return tDynamic(`decisionModes.${v}`) ?? v;
    if (Array.isArray(v)) return v.map((r) => (typeof r === 'string' ? (tDynamic(`roles.${r}`) ?? r) : JSON.stringify(r))).join(', ');
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  return (entry) => {
    const before = entry.before ?? {};
    const after = entry.after ?? {};
    return FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map(
      (f) => `${t(`register.fields.${f}`)} : ${show(f, before[f])} → ${show(f, after[f])}`,
    );
  };
}

/** Every change of a register entry (director, user representatives), loaded when opened. */
export function SystemHistory({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useQuery({ queryKey: keys.aiSystemHistory(system.id), queryFn: () => endpoints.aiSystemHistory(system.id), enabled: open });
  const changes = useChanges();

  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('register.history')}</summary>
      {open && history.isPending && <Loading />}
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data && history.data.length === 0 && <Text>{t('register.historyEmpty')}</Text>}
      {history.data && history.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption style={{ textAlign: 'left', fontWeight: 700, color: 'inherit' }}>
              {t('register.historyCaption', { name: system.name })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('register.historyAt')}</Table.Th>
                <Table.Th scope="col">{t('register.historyBy')}</Table.Th>
                <Table.Th scope="col">{t('register.historyReason')}</Table.Th>
                <Table.Th scope="col">{t('register.historyChanges')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{formatDateTime(h.changedAt)}</Table.Td>
                  <Table.Td>{h.changedBy ?? t('register.system')}</Table.Td>
                  <Table.Td>{h.reason ?? ''}</Table.Td>
                  <Table.Td>
                    <ul className="content-list">
                      {changes(h).map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </details>
  );
}
