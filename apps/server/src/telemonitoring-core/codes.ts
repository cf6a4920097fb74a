/**
 * The telemonitoring parameters: LOINC code, UCUM unit, and the range of values that can physically be measured
 * (outside it a measurement is rejected as impossible, not alerted on). The one table ingestion, rules, simulator
 * and charts share.
 */
export const PARAMETERS = {
  body_weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg', min: 20, max: 300, decimals: 1 },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', min: 40, max: 300, decimals: 0 },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]', min: 20, max: 200, decimals: 0 },
  heart_rate: { loinc: '8867-4', display: 'Heart rate', unit: '/min', min: 20, max: 250, decimals: 0 },
  spo2: { loinc: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', unit: '%', min: 50, max: 100, decimals: 0 },
  glucose: { loinc: '2339-0', display: 'Glucose [Mass/volume] in Blood', unit: 'mg/dL', min: 10, max: 1000, decimals: 0 },
  respiratory_rate: { loinc: '9279-1', display: 'Respiratory rate', unit: '/min', min: 4, max: 70, decimals: 0 },
  body_temperature: { loinc: '8310-5', display: 'Body temperature', unit: 'Cel', min: 30, max: 44, decimals: 1 },
} as const;

export type Parameter = keyof typeof PARAMETERS;
export const PARAMETER_KEYS = Object.keys(PARAMETERS) as Parameter[];

/** The blood-pressure panel whose components are systolic and diastolic (FHIR vital-signs profile). */
export const BP_PANEL_LOINC = '85354-9';

const BY_LOINC = new Map<string, Parameter>(PARAMETER_KEYS.map((k) => [PARAMETERS[k].loinc, k]));

export function parameterOfLoinc(code: string): Parameter | undefined {
  return BY_LOINC.get(code);
}

export const PROGRAMMES = ['heart_failure', 'hypertension', 'diabetes', 'copd'] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** What each programme measures. */
export const PROGRAMME_PARAMETERS: Readonly<Record<Programme, readonly Parameter[]>> = {
  heart_failure: ['body_weight', 'systolic', 'diastolic', 'heart_rate'],
  hypertension: ['systolic', 'diastolic', 'heart_rate'],
  diabetes: ['glucose', 'body_weight'],
  copd: ['spo2', 'heart_rate', 'respiratory_rate', 'body_temperature'],
};

/** One measurement after ingestion: what the rules read. `at` is an ISO 8601 instant. */
export interface Measurement {
  personId: string;
  parameter: Parameter;
  value: number;
  at: string;
}
