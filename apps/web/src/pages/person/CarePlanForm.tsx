import { useState } from 'react';
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { GOAL_DOMAINS, GOAL_STATUSES, PLAN_AGREEMENTS, carePlanInputSchema, type CarePlanInput, type PersonDetail } from '@presence/shared';
import { endpoints } from '../../api';
import { FormFailure, failFromSchema, failFromServer, type Failure } from '../../ui/FormFailure';
import { orNull, todayIso } from '../../ui/format';
import { usePersonWrite } from './usePersonWrite';

interface GoalValues {
  key: string;
  title: string;
  description: string;
  domain: string;
  targetDate: string;
  status: string;
}
interface Values {
  startDate: string;
  reviewDate: string;
  personAgreement: string;
  agreementNote: string;
  goals: GoalValues[];
}

const PLAN_FIELDS = ['startDate', 'reviewDate', 'personAgreement', 'agreementNote', 'goals'];
const GOAL_FIELD = /^goals\.\d+\.(title|description|domain|targetDate|status)$/;
const isKnown = (f: string) => PLAN_FIELDS.includes(f) || GOAL_FIELD.test(f);

let goalKeySeq = 0;
const newKey = () => `goal-${++goalKeySeq}`;

function oneYearLater(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y) + 1}-${m}-${d === '29' && m === '02' ? '28' : d}`;
}

/** Values for a new plan: the current plan's agreement and goals carried over, new dates. */
function initialValues(person: PersonDetail): Values {
  const plan = person.carePlan;
  const start = todayIso();
  return {
    startDate: start,
    reviewDate: oneYearLater(start),
    personAgreement: plan?.personAgreement ?? 'pending',
    agreementNote: plan?.agreementNote ?? '',
    goals: (plan?.goals ?? []).map((g) => ({
      key: newKey(),
      title: g.title,
      description: g.description ?? '',
      domain: g.domain,
      targetDate: g.targetDate ?? '',
      status: g.status,
    })),
  };
}

export function CarePlanForm({ person, onDone }: { person: PersonDetail; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<Values>({ initialValues: initialValues(person) });
  const save = usePersonWrite(person.id, (input: CarePlanInput) => endpoints.replaceCarePlan(person.id, input), {
    onSuccess: () => onDone(true),
    onError: (err) => setFailure(failFromServer(form, err, isKnown)),
  });

  const submit = (v: Values) => {
    setFailure(null);
    const input = {
      startDate: v.startDate,
      reviewDate: v.reviewDate,
      personAgreement: v.personAgreement,
      agreementNote: orNull(v.agreementNote),
      goals: v.goals.map((g) => ({
        title: g.title.trim(),
        description: orNull(g.description),
        domain: g.domain,
        targetDate: orNull(g.targetDate),
        status: g.status,
      })),
    };
    const parsed = carePlanInputSchema.safeParse(input);
    if (!parsed.success) return setFailure(failFromSchema(form, parsed.error, isKnown));
    save.mutate(input as CarePlanInput);
  };
  const choose = { value: '', label: t('personForm.choose'), disabled: true };

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} aria-labelledby="plan-form-title">
      <Stack gap="md" mt="md">
        <div>
          <Title order={3} id="plan-form-title">
            {t('plan.newPlan')}
          </Title>
          <Text>{t('plan.newPlanIntro')}</Text>
        </div>
        <Text>{t('common.requiredNote')}</Text>
        <FormFailure failure={failure} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('plan.startDate')} type="date" required {...form.getInputProps('startDate')} />
          <TextInput label={t('plan.reviewDate')} type="date" required {...form.getInputProps('reviewDate')} />
          <NativeSelect
            label={t('plan.personAgreement')}
            required
            data={PLAN_AGREEMENTS.map((a) => ({ value: a, label: t(`agreements.${a}`) }))}
            {...form.getInputProps('personAgreement')}
          />
        </SimpleGrid>
        <Textarea label={`${t('plan.agreementNote')} (${t('common.optional')})`} minRows={2} {...form.getInputProps('agreementNote')} />

        <Title order={4}>{t('plan.goals')}</Title>
        {form.values.goals.length === 0 && <Text>{t('plan.noGoals')}</Text>}
        {form.values.goals.map((g, index) => (
          <Fieldset key={g.key} legend={t('plan.goalNumber', { number: index + 1 })} variant="filled">
            <Stack gap="sm">
              <TextInput label={t('plan.goalTitle')} required {...form.getInputProps(`goals.${index}.title`)} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  label={t('plan.goalDomain')}
                  required
                  data={[choose, ...GOAL_DOMAINS.map((d) => ({ value: d, label: t(`goalDomains.${d}`) }))]}
                  {...form.getInputProps(`goals.${index}.domain`)}
                />
                <TextInput label={`${t('plan.goalTargetDate')} (${t('common.optional')})`} type="date" {...form.getInputProps(`goals.${index}.targetDate`)} />
                <NativeSelect
                  label={t('plan.goalStatus')}
                  required
                  data={GOAL_STATUSES.map((s) => ({ value: s, label: t(`goalStatuses.${s}`) }))}
                  {...form.getInputProps(`goals.${index}.status`)}
                />
              </SimpleGrid>
              <Textarea label={`${t('plan.goalDescription')} (${t('common.optional')})`} minRows={2} {...form.getInputProps(`goals.${index}.description`)} />
              <Group>
                <Button variant="outline" color="red.9" onClick={() => form.removeListItem('goals', index)}>
                  {t('plan.removeGoal', { number: index + 1 })}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        ))}
        <Group>
          <Button
            variant="outline"
            onClick={() =>
              form.insertListItem('goals', { key: newKey(), title: '', description: '', domain: '', targetDate: '', status: 'open' } satisfies GoalValues)
            }
          >
            {t('plan.addGoal')}
          </Button>
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('plan.submit')}
          </Button>
          <Button variant="default" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
