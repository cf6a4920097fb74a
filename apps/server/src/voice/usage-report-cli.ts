import type { Db } from '../db/db.js';
import { appendAudit } from '../audit/audit-service.js';
import { GuaranteeService } from '../guarantee/guarantee-service.js';
import { PeopleService } from '../people/people-service.js';
import { ComplaintsService } from './complaints-service.js';
import { EquityService } from './equity.js';
import { SurveyService } from './survey-service.js';
import { TimeService } from './time-service.js';
import { buildUsageReport, usageReportCsv, type UsageReportDeps } from './usage-report.js';
import { usageReportPdf } from './usage-report-pdf.js';

/** The services the usage report reads, without the HTTP server (for the command line and the benchmark). */
export function reportServices(db: Db): UsageReportDeps {
  return {
    db,
    guarantee: new GuaranteeService(db, new PeopleService(db)),
    complaints: new ComplaintsService(db),
    equity: new EquityService(db),
    surveys: new SurveyService(db),
    time: new TimeService(db),
  };
}

/** Builds the report's PDF and CSV; the generation is audited as done from the command line. */
export async function usageReportFiles(deps: UsageReportDeps, facilityId: string, from: string, to: string) {
  const report = await buildUsageReport(deps, facilityId, from, to);
  const pdf = await usageReportPdf(report);
  const csv = usageReportCsv(report);
  await appendAudit(
    deps.db,
    { actor: null, requestId: 'cli' },
    {
      action: 'report.usage',
      outcome: 'allowed',
      targetType: 'facility',
      targetId: facilityId,
      facilityId,
      details: { from, to, format: 'pdf', via: 'command line' },
    },
  );
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { report, pdf, csv, pages, facilityName: report.facility.name };
}
