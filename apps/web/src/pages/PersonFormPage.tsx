import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Textarea, Title, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PERSON_STATUSES, SEXES, WEEKDAYS, personInputSchema, personPatchSchema, type PersonDetail, type PersonInput } from '@presence/shared';
import { can, endpoints, keys, type Facility } from '../api';
import { useMe } from '../ui/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { FormFailure, failFromSchema, failFromServer, type Failure } from '../ui/FormFailure';
import { Loading } from '../ui/Loading';
import { orNull, todayIso } from '../ui/format';
import { usePageTitle } from '../ui/usePageTitle';

interface Values {
  lastName: string;
  firstName: string;
  birthName: string;
  birthDate: string;
  sex: string;
  ins: string;
  facilityId: string;
  room: string;
  address: string;
  attendanceDays: string[];
  status: string;
  admissionDate: string;
}
const FIELDS: readonly string[] = [
  'lastName',
  'firstName',
  'birthName',
  'birthDate',
  'sex',
  'ins',
  'facilityId',
  'room',
  'address',
  'attendanceDays',
  'status',
  'admissionDate',
];

function valuesOf(p: PersonDetail): Values {
  return {
    lastName: p.lastName,
    firstName: p.firstName,
    birthName: p.birthName ?? '',
    birthDate: p.birthDate,
    sex: p.sex,
    ins: p.ins ?? '',
    facilityId: p.facilityId,
    room: p.room ?? '',
    address: p.address ?? '',
    attendanceDays: [...p.attendanceDays],
    status: p.status,
    admissionDate: p.admissionDate,
  };
}

/** The request body from the form: empty optional fields become null, attendance days only for day care. */
function payloadOf(v: Values, dayCare: boolean) {
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    birthName: orNull(v.birthName),
    birthDate: v.birthDate,
    sex: v.sex,
    ins: orNull(v.ins.replace(/\s+/g, '')),
    room: orNull(v.room),
    address: orNull(v.address),
    attendanceDays: dayCare ? WEEKDAYS.filter((d) => v.attendanceDays.includes(d)) : [],
    status: v.status,
    admissionDate: v.admissionDate,
  };
}

export function PersonFormPage({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<Failure | null>(null);
  const isKnown = (f: string) => FIELDS.includes(f);

  const person = useQuery({ queryKey: keys.person(id), queryFn: () => endpoints.person(id), enabled: mode === 'edit' });
  const facilities = useQuery({ queryKey: keys.facilities, queryFn: endpoints.facilities, staleTime: 300_000 });
  const form = useForm<Values>({
    initialValues: {
      lastName: '',
      firstName: '',
      birthName: '',
      birthDate: '',
      sex: '',
      ins: '',
      facilityId: me.facilityId ?? '',
      room: '',
      address: '',
      attendanceDays: [],
      status: 'active',
      admissionDate: todayIso(),
    },
  });
  useEffect(() => {
    if (mode === 'edit' && person.data && !form.initialized) form.initialize(valuesOf(person.data));
  }, [mode, person.data, form]);

  const name = person.data ? `${person.data.firstName} ${person.data.lastName}` : '';
  const title = mode === 'create' ? t('personForm.createTitle') : t('personForm.editTitle', { name });
  usePageTitle(title);

  const facilityId = mode === 'create' ? form.values.facilityId : (person.data?.facilityId ?? '');
  const facility: Facility | undefined = facilities.data?.find((f) => f.id === facilityId);
  const dayCare = facility ? facility.kind === 'day_care' : (person.data?.attendanceDays.length ?? 0) > 0;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = payloadOf(v, dayCare);
      return mode === 'create'
        ? endpoints.createPerson({ ...(body as PersonInput), facilityId: v.facilityId || undefined })
        : endpoints.updatePerson(id, body as PersonInput);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData(keys.person(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: keys.peopleAll });
      void navigate(`/people/${detail.id}`);
    },
    onError: (err) => setFailure(failFromServer(form, err, isKnown)),
  });

  const submit = (v: Values) => {
    setFailure(null);
    const body = payloadOf(v, dayCare);
    const parsed = mode === 'create' ? personInputSchema.safeParse({ ...body, facilityId: v.facilityId || undefined }) : personPatchSchema.safeParse(body);
    if (!parsed.success) {
      setFailure(failFromSchema(form, parsed.error, isKnown));
      return;
    }
    save.mutate(v);
  };

  if (mode === 'edit' && person.isPending) return <Loading />;
  if (mode === 'edit' && person.isError) return <ErrorMessage error={person.error} />;
  if ((mode === 'create' && !can.createPerson(me.role)) || (mode === 'edit' && !can.editIdentity(me.role))) {
    return (
      <Stack>
        <Title order={1}>{title}</Title>
        <Alert color="red" variant="light" role="alert">
          {t('errors.forbidden')}
        </Alert>
      </Stack>
    );
  }

  const optional = (label: string) => `${label} (${t('common.optional')})`;

  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack gap="md">
          <Text>{t('common.requiredNote')}</Text>
          <FormFailure failure={failure} />
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('personForm.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
              <TextInput label={t('personForm.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
              <TextInput label={optional(t('personForm.birthName'))} autoComplete="off" {...form.getInputProps('birthName')} />
              <TextInput label={t('personForm.birthDate')} type="date" required max={todayIso()} {...form.getInputProps('birthDate')} />
              <NativeSelect
                label={t('personForm.sex')}
                required
                data={[{ value: '', label: t('personForm.choose'), disabled: true }, ...SEXES.map((s) => ({ value: s, label: t(`sexes.${s}`) }))]}
                {...form.getInputProps('sex')}
              />
              <TextInput
                label={optional(t('personForm.ins'))}
                description={t('personForm.insHint')}
                autoComplete="off"
                inputMode="text"
                {...form.getInputProps('ins')}
              />
              {mode === 'create' && (
                <NativeSelect
                  label={t('personForm.facility')}
                  required
                  data={[
                    { value: '', label: t('personForm.choose'), disabled: true },
                    ...(facilities.data ?? []).map((f) => ({ value: f.id, label: `${f.name} (${t(`facilityKinds.${f.kind}`)})` })),
                  ]}
                  {...form.getInputProps('facilityId')}
                />
              )}
              <TextInput label={optional(t('personForm.room'))} autoComplete="off" {...form.getInputProps('room')} />
              <NativeSelect
                label={t('personForm.status')}
                required
                data={PERSON_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
                {...form.getInputProps('status')}
              />
              <TextInput label={t('personForm.admissionDate')} type="date" required {...form.getInputProps('admissionDate')} />
            </SimpleGrid>
            <Textarea mt="md" label={optional(t('personForm.address'))} autoComplete="off" minRows={2} {...form.getInputProps('address')} />
            {dayCare && (
              <Checkbox.Group mt="md" label={t('personForm.attendanceDays')} {...form.getInputProps('attendanceDays')}>
                <Group gap="md" mt="xs">
                  {WEEKDAYS.map((d) => (
                    <Checkbox key={d} value={d} label={t(`weekdays.${d}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
          </Paper>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {mode === 'create' ? t('personForm.submitCreate') : t('personForm.submitEdit')}
            </Button>
            <Button component={Link} to={mode === 'create' ? '/people' : `/people/${id}`} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
