// Measurement paging for the sampled device-day (x-decision-paging: one device-day a page, so one
// page; Count all records of the range; PagesIndex echoing PageIndex), and whether the records
// are the ones asked for. PageIndex 1 of the same day should then be empty.
import { sendRecorded } from './endpoint-call.js';
import { MEASUREMENT_OPERATION, type MeasurementSample, measurementRequest, recordTimes } from './measurement-check.js';
import { type ProbeContext, skip } from './probe-context.js';
import type { MeasurementPaging } from './probe-report.js';

/** A measurement paging section before its step runs. */
export function emptyMeasurementPaging(): MeasurementPaging {
  return {
    outcome: 'skipped',
    recordsPerPage: null,
    count: null,
    pages: null,
    secondPage: null,
    consistent: null,
    inconsistencies: [],
    exchanges: [],
  };
}

/** Runs the measurement paging step into `section`, for the Measurement step's sample. */
export async function checkMeasurementPaging(
  context: ProbeContext,
  section: MeasurementPaging,
  sample: MeasurementSample | null,
): Promise<void> {
  if (!sample) return skip(section, 'no measurement page to look at');
  const { records, count, pages } = sample;
  section.recordsPerPage = records.length;
  section.count = count;
  section.pages = pages;
  const problems = section.inconsistencies;
  if (pages !== null && pages !== 1) problems.push(`Pages is ${pages} for one device-day, where the description has 1`);
  if (count !== null && (pages === 1 ? count !== records.length : count < records.length)) {
    problems.push(`Count is ${count} but page 0 holds ${records.length} records`);
  }
  if (sample.pagesIndex !== null && sample.pagesIndex !== 0)
    problems.push(`PagesIndex is ${sample.pagesIndex} for PageIndex 0`);
  problems.push(...recordProblems(sample));

  const { exchange, body } = await sendRecorded(
    context,
    MEASUREMENT_OPERATION,
    measurementRequest(sample.deviceId, sample.fromMs, sample.toMs, 1),
  );
  section.exchanges.push(exchange);
  if (exchange.status !== null && exchange.status >= 400) section.secondPage = 'error';
  else if (body !== undefined) {
    const list = (body as { Measurements?: unknown }).Measurements;
    const second = Array.isArray(list) ? list : [];
    const firstTimes = records.map((r) => r.RecordDateTime);
    if (second.length === 0) section.secondPage = 'empty';
    else if (second.every((r, i) => (r as { RecordDateTime?: unknown })?.RecordDateTime === firstTimes[i])) {
      section.secondPage = 'same-as-first';
      problems.push('PageIndex 1 repeats page 0: PageIndex is ignored or counts from 1');
    } else {
      section.secondPage = 'different';
      if (pages === 1) problems.push('PageIndex 1 holds records although Pages is 1');
    }
  }
  section.consistent = problems.length === 0;
  section.outcome = 'pass';
}

// What the client would have to repair (x-decision-paging): records of another device, outside the
// range asked for, out of order or repeated.
function recordProblems(sample: MeasurementSample): string[] {
  const problems: string[] = [];
  const otherDevice = sample.records.filter((r) => r.DeviceID !== sample.deviceId).length;
  if (otherDevice > 0) problems.push(`${otherDevice} records name another DeviceID`);
  const times = recordTimes(sample.records);
  const unreadable = times.filter((t) => Number.isNaN(t)).length;
  if (unreadable > 0) problems.push(`${unreadable} records have no readable RecordDateTime`);
  const outside = times.filter((t) => t < sample.fromMs || t >= sample.toMs).length;
  if (outside > 0) problems.push(`${outside} records lie outside the day asked for`);
  const readable = times.filter((t) => !Number.isNaN(t));
  if (readable.some((t, i) => i > 0 && t < (readable[i - 1] as number))) problems.push('records are not in time order');
  const repeated = readable.length - new Set(readable).size;
  if (repeated > 0) problems.push(`${repeated} records repeat a RecordDateTime`);
  return problems;
}
