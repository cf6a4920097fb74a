import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Explanation, ExplanationFactor } from '@presence/shared';
import { tDynamic } from '../../i18n';
import { formatNumber, formatPercent } from '../../ui/format';

/** A record type in words ("care_note" → "Transmission"), or as is when unknown. */
export function recordTypeLabel(type: string): string {
  return tDynamic(`recordTypes.${type}`) ?? type;
}

function Weight({ weight }: { weight: number }) {
  const { t, i18n } = useTranslation();
  const fraction = Math.abs(weight) <= 1;
  const value = fraction ? (weight < 0 ? '−' : '') + (formatPercent(Math.abs(weight), i18n.language) ?? '') : formatNumber(weight, i18n.language);
  return (
    <>
      <Text size="sm">{t('proposal.weight', { value })}</Text>
      {fraction && (
        <div className="weight-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(Math.abs(weight) * 100)}%` }} />
        </div>
      )}
    </>
  );
}

function Factor({ factor }: { factor: ExplanationFactor }) {
  return (
    <li>
      <Stack gap={4}>
        <Text fw={700}>{factor.label}</Text>
        {typeof factor.weight === 'number' && <Weight weight={factor.weight} />}
        {factor.detail && <Text>{factor.detail}</Text>}
      </Stack>
    </li>
  );
}

function RecordRef({ recordType, recordId }: { recordType: string; recordId?: string | undefined }) {
  const { t } = useTranslation();
  if (recordType === 'person' && recordId) {
    return (
      <Link className="inline-link" to={`/people/${recordId}`}>
        {t('proposal.openRecord')}
      </Link>
    );
  }
  return <Text span>{t('proposal.spanSource', { source: recordTypeLabel(recordType) })}</Text>;
}

/** Why the AI proposed this: plain summary, weighted factors, data points and quoted passages of the record. */
export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { t } = useTranslation();
  const { summary, factors, dataPoints = [], spans = [], rule } = explanation;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="explanation-title">
      <Title order={2} id="explanation-title" mb="sm">
        {t('proposal.explanation')}
      </Title>
      <Stack gap="md">
        <Text style={{ whiteSpace: 'pre-wrap' }}>{summary}</Text>
        {rule && (
          <Text>
            <strong>{t('proposal.rule')} :</strong> {rule}
          </Text>
        )}
        {factors.length > 0 && (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('proposal.factors')}
            </Title>
            <Stack component="ul" gap="sm" className="plain-list">
              {factors.map((f, i) => (
                <Factor key={i} factor={f} />
              ))}
            </Stack>
          </div>
        )}
        {dataPoints.length > 0 && (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('proposal.dataPoints')}
            </Title>
            <dl className="definition-list">
              {dataPoints.map((d, i) => (
                <div key={i} className="definition-row">
                  <dt>{d.label}</dt>
                  <dd>
                    {d.value}
                    {d.recordType === 'person' && d.recordId && (
                      <>
                        {' · '}
                        <RecordRef recordType={d.recordType} recordId={d.recordId} />
                      </>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        )}
        {spans.length > 0 && (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('proposal.spans')}
            </Title>
            <Stack component="ul" gap="sm" className="plain-list">
              {spans.map((s, i) => (
                <li key={i}>
                  <blockquote className="span-quote">
                    « <mark>{s.text}</mark> »
                  </blockquote>
                  <RecordRef recordType={s.recordType} recordId={s.recordId} />
                </li>
              ))}
            </Stack>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
