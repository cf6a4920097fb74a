import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput, Title, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CONTACT_RELATIONSHIPS, contactInputSchema, type Contact, type ContactInput, type PersonDetail } from '@presence/shared';
import { endpoints } from '../../api';
import { FormFailure, failFromSchema, failFromServer, knownFields, type Failure } from '../../ui/FormFailure';
import { orNull } from '../../ui/format';
import { usePersonWrite } from './usePersonWrite';

interface Values {
  firstName: string;
  lastName: string;
  relationship: string;
  phone: string;
  email: string;
  isLegalRepresentative: boolean;
  isTrustedPerson: boolean;
}
const isKnown = knownFields('firstName', 'lastName', 'relationship', 'phone', 'email', 'isLegalRepresentative', 'isTrustedPerson');

/** Adds a contact (contact undefined) or edits one. */
export function ContactForm({ person, contact, onDone }: { person: PersonDetail; contact?: Contact; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<Values>({
    initialValues: {
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
      relationship: contact?.relationship ?? '',
      phone: contact?.phone ?? '',
      email: contact?.email ?? '',
      isLegalRepresentative: contact?.isLegalRepresentative ?? false,
      isTrustedPerson: contact?.isTrustedPerson ?? false,
    },
  });
  const save = usePersonWrite(
    person.id,
    (input: ContactInput) => (contact ? endpoints.updateContact(person.id, contact.id, input) : endpoints.addContact(person.id, input)),
    { onSuccess: () => onDone(true), onError: (err) => setFailure(failFromServer(form, err, isKnown)) },
  );
  const submit = (v: Values) => {
    setFailure(null);
    const input = {
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      relationship: v.relationship,
      phone: orNull(v.phone),
      email: orNull(v.email),
      isLegalRepresentative: v.isLegalRepresentative,
      isTrustedPerson: v.isTrustedPerson,
    };
    const parsed = contactInputSchema.safeParse(input);
    if (!parsed.success) return setFailure(failFromSchema(form, parsed.error, isKnown));
    save.mutate(input as ContactInput);
  };
  const title = contact ? t('contacts.editTitle', { name: `${contact.firstName} ${contact.lastName}` }) : t('contacts.addTitle');
  const optional = (label: string) => `${label} (${t('common.optional')})`;

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} aria-labelledby="contact-form-title">
      <Stack gap="md" mt="md">
        <Title order={3} id="contact-form-title">
          {title}
        </Title>
        <Text>{t('common.requiredNote')}</Text>
        <FormFailure failure={failure} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('contacts.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
          <TextInput label={t('contacts.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
          <NativeSelect
            label={t('contacts.relationship')}
            required
            data={[
              { value: '', label: t('personForm.choose'), disabled: true },
              ...CONTACT_RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationships.${r}`) })),
            ]}
            {...form.getInputProps('relationship')}
          />
          <TextInput
            label={optional(t('contacts.phone'))}
            description={t('contacts.phoneHint')}
            type="tel"
            autoComplete="off"
            {...form.getInputProps('phone')}
          />
          <TextInput label={optional(t('contacts.email'))} type="email" autoComplete="off" {...form.getInputProps('email')} />
        </SimpleGrid>
        <Checkbox label={t('contacts.isLegalRepresentative')} {...form.getInputProps('isLegalRepresentative', { type: 'checkbox' })} />
        <Checkbox label={t('contacts.isTrustedPerson')} {...form.getInputProps('isTrustedPerson', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
