import { Table, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PEOPLE_SORT_FIELDS, PersonSummary } from '@presence/shared';
import { formatDate } from './format';

type SortField = (typeof PEOPLE_SORT_FIELDS)[number];

interface Props {
  items: PersonSummary[];
  sort: SortField;
  order: 'asc' | 'desc';
  onSort: (field: SortField) => void;
}

/** The people list as a table; sortable columns are buttons in their header, with aria-sort on the sorted one. */
export function PeopleTable({ items, sort, order, onSort }: Props) {
  const { t } = useTranslation();
  const showAttendance = items.some((p) => p.attendanceDays.length > 0);

  const sortableTh = (field: SortField, label: string) => {
    const active = sort === field;
    return (
      <Table.Th key={field} scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" className="sort-button" onClick={() => onSort(field)}>
          {label}
          <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
          {active && <VisuallyHidden>({order === 'asc' ? t('people.sortedAsc') : t('people.sortedDesc')})</VisuallyHidden>}
        </button>
      </Table.Th>
    );
  };

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover withTableBorder verticalSpacing="xs">
        <VisuallyHidden component="caption">{t('people.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {sortableTh('lastName', t('people.columns.name'))}
            {sortableTh('birthDate', t('people.columns.birthDate'))}
            {sortableTh('room', t('people.columns.room'))}
            <Table.Th scope="col">{t('people.columns.facility')}</Table.Th>
            <Table.Th scope="col">{t('people.columns.status')}</Table.Th>
            {showAttendance && <Table.Th scope="col">{t('people.columns.attendance')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Link className="inline-link" to={`/people/${p.id}`}>
                  {p.lastName.toUpperCase()} {p.firstName}
                </Link>
              </Table.Td>
              <Table.Td>
                {formatDate(p.birthDate)} ({t('people.age', { count: p.age })})
              </Table.Td>
              <Table.Td>{p.room ?? ''}</Table.Td>
              <Table.Td>{p.facilityName}</Table.Td>
              <Table.Td>{t(`statuses.${p.status}`)}</Table.Td>
              {showAttendance && <Table.Td>{p.attendanceDays.map((d) => t(`weekdaysShort.${d}`)).join(' ')}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
