import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DECISION_MODES, type AiSystem, type Role } from '@presence/shared';
import { endpoints, isApiError, issueMessage, keys, type AiSystemPatch } from '../../api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SavedNotice } from '../person/SavedNotice';

/** Roles that may be given the decision on proposals (staff only). */
const DECIDER_CHOICES: readonly Role[] = [
  'director',
  'head_of_care',
  'coordination_nurse',
  'nurse',
  'care_assistant',
  'activity_leader',
  'physician',
  'secretary',
];

function useSystemUpdate(system: AiSystem, onError: (err: unknown) => void, onSuccess: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AiSystemPatch) => endpoints.updateAiSystem(system.id, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData<AiSystem[]>(keys.aiSystems, (prev) => prev?.map((s) => (s.id === updated.id ? updated : s)));
      void queryClient.invalidateQueries({ queryKey: keys.aiSystemHistory(system.id) });
      void queryClient.invalidateQueries({ queryKey: keys.proposalsAll });
      onSuccess();
    },
    onError,
  });
}

/** Switching a feature off (reason required) or back on, in a dialog. */
function StatusDialog({ system, opened, onClose }: { system: AiSystem; opened: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const disabling = system.enabled;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const close = (saved: boolean) => {
    setReason('');
    setReasonError(null);
    setFailure(null);
    onClose(saved);
  };
  const update = useSystemUpdate(
    system,
    (err) => {
      const issue = isApiError(err) ? err.issues.find((i) => i.field === 'reason') : undefined;
      if (issue) setReasonError(issueMessage(issue));
      else setFailure(err);
    },
    () => close(true),
  );
  const submit = () => {
    setFailure(null);
    if (disabling && !reason.trim()) return setReasonError(t('errors.fields.reason_required'));
    update.mutate({ enabled: !disabling, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  const title = disabling ? t('register.disableTitle', { name: system.name }) : t('register.enableTitle', { name: system.name });

  return (
    <Modal opened={opened} onClose={() => close(false)} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text>{disabling ? t('register.disableIntro') : t('register.enableIntro')}</Text>
          {failure !== null && <ErrorMessage error={failure} serverMessage />}
          <Textarea
            label={disabling ? t('register.reason') : t('register.reasonOptional')}
            required={disabling}
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
            data-autofocus
          />
          <Group>
            <Button type="submit" color={disabling ? 'red.9' : undefined} loading={update.isPending}>
              {disabling ? t('register.confirmDisable') : t('register.confirmEnable')}
            </Button>
            <Button variant="default" onClick={() => close(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Director only: on/off, decision mode (apply-and-notify for minimal risk only), who decides, local risk notes. */
export function SystemSettings({ system }: { system: AiSystem }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState(false);
  const [mode, setMode] = useState<AiSystem['decisionMode']>(system.decisionMode);
  const [roles, setRoles] = useState<string[]>([...system.deciderRoles]);
  const [notes, setNotes] = useState(system.facilityRiskNotes);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const minimal = system.riskClass === 'minimal';
  const modes = DECISION_MODES.filter((m) => minimal || m === 'human-decision' || m === system.decisionMode);

  const update = useSystemUpdate(
    system,
    (err) => {
      const fieldErrors: Record<string, string> = {};
      for (const i of isApiError(err) ? err.issues : []) fieldErrors[i.field.split('.')[0] ?? i.field] ??= issueMessage(i);
      setErrors(fieldErrors);
      setFailure(Object.keys(fieldErrors).length ? null : err);
    },
    () => setSaved(t('register.saved')),
  );

  const submit = () => {
    setSaved(null);
    setFailure(null);
    if (roles.length === 0) return setErrors({ deciderRoles: t('errors.fields.deciderRoles_too_small') });
    setErrors({});
    const patch: AiSystemPatch = {};
    if (mode !== system.decisionMode) patch.decisionMode = mode;
    const sameRoles = roles.length === system.deciderRoles.length && roles.every((r) => system.deciderRoles.includes(r as Role));
    if (!sameRoles) patch.deciderRoles = roles as Role[];
    if (notes.trim() !== system.facilityRiskNotes) patch.facilityRiskNotes = notes.trim();
    if (Object.keys(patch).length === 0) return setSaved(t('register.saved'));
    if (reason.trim()) patch.reason = reason.trim();
    update.mutate(patch);
  };

  return (
    <section aria-labelledby={`settings-${system.slug}`}>
      <Title order={3} id={`settings-${system.slug}`} mb="xs">
        {t('register.settings')}
      </Title>
      <Stack gap="md">
        <Switch
          size="lg"
          label={t('register.enabledSwitch')}
          checked={system.enabled}
          onChange={() => {
            setSaved(null);
            setDialog(true);
          }}
        />
        <StatusDialog
          system={system}
          opened={dialog}
          onClose={(ok) => {
            setDialog(false);
            if (ok) setSaved(t('register.saved'));
          }}
        />
        <SavedNotice message={saved} />
        {failure !== null && <ErrorMessage error={failure} serverMessage />}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <NativeSelect
              label={t('register.decisionMode')}
              description={minimal ? undefined : t('register.applyOnlyMinimal')}
              value={mode}
              onChange={(e) => setMode(e.currentTarget.value as AiSystem['decisionMode'])}
              data={modes.map((m) => ({ value: m, label: t(`decisionModes.${m}`) }))}
              error={errors.decisionMode}
            />
            <Checkbox.Group size="md" label={t('register.deciderRoles')} value={roles} onChange={setRoles} error={errors.deciderRoles}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={0}>
                {DECIDER_CHOICES.map((r) => (
                  <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Textarea
              label={`${t('register.facilityRiskNotes')} (${t('common.optional')})`}
              minRows={2}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={errors.facilityRiskNotes}
            />
            <Textarea
              label={t('register.reasonOptional')}
              minRows={1}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('register.saveSettings')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </section>
  );
}
