import { useState } from 'react';
import { Button, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, endpoints, keys, type ReviewRequest } from '../api';
import { tDynamic } from '../i18n';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Forbidden } from '../ui/Forbidden';
import { Loading } from '../ui/Loading';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';
import { SavedNotice } from './person/SavedNotice';

function CloseButton({ request, onClosed }: { request: ReviewRequest; onClosed: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () => endpoints.closeReviewRequest(request.id),
    onSuccess: () => {
      queryClient.setQueryData<ReviewRequest[]>(keys.reviewRequests, (prev) => prev?.filter((r) => r.id !== request.id));
      onClosed();
    },
  });
  return (
    <>
      <Button
        variant="outline"
        loading={close.isPending}
        onClick={() => close.mutate()}
        aria-label={t('reviewRequests.closeNamed', { name: request.personName })}
      >
        {t('reviewRequests.close')}
      </Button>
      {close.isError && <ErrorMessage error={close.error} serverMessage />}
    </>
  );
}

/** Open requests for a human review, for the coordination nurse, head of care, director and physician. */
export function ReviewRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reviewRequests.title'));
  const me = useMe();
  const allowed = can.handleReviewRequests(me.role);
  const requests = useQuery({ queryKey: keys.reviewRequests, queryFn: endpoints.reviewRequests, enabled: allowed, staleTime: 0 });
  const [closed, setClosed] = useState<string | null>(null);

  if (!allowed) return <Forbidden title={t('reviewRequests.title')} />;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('reviewRequests.title')}</Title>
        <Text mt="xs">{t('reviewRequests.intro')}</Text>
      </div>
      <SavedNotice message={closed} />
      {requests.isPending && <Loading />}
      {requests.isError && <ErrorMessage error={requests.error} />}
      {requests.data && requests.data.length === 0 && <Text>{t('reviewRequests.empty')}</Text>}
      {requests.data && requests.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder striped verticalSpacing="xs">
            <VisuallyHidden component="caption">{t('reviewRequests.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reviewRequests.date')}</Table.Th>
                <Table.Th scope="col">{t('reviewRequests.person')}</Table.Th>
                <Table.Th scope="col">{t('reviewRequests.message')}</Table.Th>
                <Table.Th scope="col">{t('reviewRequests.requestedBy')}</Table.Th>
                <Table.Th scope="col">{t('reviewRequests.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                  <Table.Td>
                    <Link className="inline-link" to={`/people/${r.personId}?tab=ai`}>
                      {r.personName}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>{r.message}</Text>
                    {r.proposalId && can.seeProposals(me.role) && (
                      <Link className="inline-link" to={`/proposals/${r.proposalId}`}>
                        {t('reviewRequests.proposalLink')}
                      </Link>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.requestedBy} · {tDynamic(`roles.${r.requestedByRole}`) ?? r.requestedByRole}
                  </Table.Td>
                  <Table.Td>
                    <CloseButton request={r} onClosed={() => setClosed(t('reviewRequests.closed'))} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
