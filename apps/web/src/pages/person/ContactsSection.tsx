import { useState } from 'react';
import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact, PersonDetail } from '@presence/shared';
import { endpoints } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ContactForm } from './ContactForm';
import { SavedNotice } from './SavedNotice';
import { usePersonWrite } from './usePersonWrite';

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; contact: Contact };

function ContactCard({
  person,
  contact,
  canEdit,
  onEdit,
  onDeleted,
}: {
  person: PersonDetail;
  contact: Contact;
  canEdit: boolean;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const name = `${contact.firstName} ${contact.lastName}`;
  const remove = usePersonWrite(person.id, () => endpoints.deleteContact(person.id, contact.id), { onSuccess: onDeleted });

  return (
    <Card withBorder padding="md" radius="md" component="li">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {name}
        </Title>
        <Text>{t(`relationships.${contact.relationship}`)}</Text>
        {(contact.isLegalRepresentative || contact.isTrustedPerson) && (
          <Group gap="xs">
            {contact.isLegalRepresentative && (
              <Badge color="grape.9" size="lg">
                {t('contacts.legalRepresentative')}
              </Badge>
            )}
            {contact.isTrustedPerson && (
              <Badge color="teal.9" size="lg">
                {t('contacts.trustedPerson')}
              </Badge>
            )}
          </Group>
        )}
        {contact.phone && (
          <Text>
            {t('contacts.phone')} :{' '}
            <a className="inline-link" href={`tel:${contact.phone.replace(/[\s.-]/g, '')}`}>
              {contact.phone}
            </a>
          </Text>
        )}
        {contact.email && (
          <Text>
            {t('contacts.email')} :{' '}
            <a className="inline-link" href={`mailto:${contact.email}`}>
              {contact.email}
            </a>
          </Text>
        )}
        {contact.hasAccount && <Text>{t('contacts.hasAccount')}</Text>}
        {remove.isError && <ErrorMessage error={remove.error} />}
        {canEdit && (
          <Group gap="xs">
            {!confirming ? (
              <>
                <Button variant="outline" onClick={onEdit} aria-label={t('contacts.editNamed', { name })}>
                  {t('common.edit')}
                </Button>
                <Button variant="outline" color="red.9" onClick={() => setConfirming(true)} aria-label={t('contacts.deleteNamed', { name })}>
                  {t('common.delete')}
                </Button>
              </>
            ) : (
              <>
                <Button
                  color="red.9"
                  loading={remove.isPending}
                  onClick={() => remove.mutate(undefined)}
                  aria-label={t('contacts.confirmDeleteNamed', { name })}
                >
                  {t('common.confirmDelete')}
                </Button>
                <Button variant="default" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function ContactsSection({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [saved, setSaved] = useState<string | null>(null);
  const done = (message: string | null) => {
    setEditing({ kind: 'none' });
    setSaved(message);
  };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="md">
        <Title order={2} id="contacts-title">
          {t('person.contacts')}
        </Title>
        {canEdit && editing.kind === 'none' && (
          <Button
            variant="outline"
            onClick={() => {
              setSaved(null);
              setEditing({ kind: 'add' });
            }}
          >
            {t('contacts.add')}
          </Button>
        )}
      </Group>
      <SavedNotice message={saved} />
      {person.contacts.length === 0 && <Text>{t('contacts.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {person.contacts.map((c) => (
          <ContactCard
            key={c.id}
            person={person}
            contact={c}
            canEdit={canEdit && editing.kind === 'none'}
            onEdit={() => {
              setSaved(null);
              setEditing({ kind: 'edit', contact: c });
            }}
            onDeleted={() => done(t('contacts.deleted'))}
          />
        ))}
      </SimpleGrid>
      {editing.kind !== 'none' && (
        <ContactForm
          key={editing.kind === 'edit' ? editing.contact.id : 'new'}
          person={person}
          contact={editing.kind === 'edit' ? editing.contact : undefined}
          onDone={(ok) => done(ok ? t('common.saved') : null)}
        />
      )}
    </Paper>
  );
}
