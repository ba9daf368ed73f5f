import { ApiProblem } from '../common/problem';
import { customLayout, presetLayout, type LabelLayout } from './label-layout';
import { MAX_LABELS, type LabelsQueryDto } from './labels-query.dto';

export const invalid = (field: string, message: string) =>
  new ApiProblem('validation-failed', `${field} ${message}`, { errors: [{ field, message }] });

/** The sheet asked for (a preset, or a custom layout) and the first free label on it. */
export function sheetOf(query: LabelsQueryDto): { layout: LabelLayout; startAt: number } {
  const layout = layoutOf(query);
  const startAt = query.startAt ?? 1;
  if (startAt > layout.columns * layout.rows) {
    throw invalid('startAt', `is past the ${layout.columns * layout.rows} labels of a sheet`);
  }
  return { layout, startAt };
}

function layoutOf(query: LabelsQueryDto): LabelLayout {
  if ((query.preset ?? '3x8') !== 'custom') return presetLayout(query.preset ?? '3x8');
  const { columns, rows, widthMm, heightMm } = query;
  if (!columns || !rows || !widthMm || !heightMm) {
    throw invalid('preset', 'custom needs columns, rows, widthMm and heightMm');
  }
  const layout = customLayout({
    columns,
    rows,
    widthMm,
    heightMm,
    topMm: query.topMm ?? 0,
    leftMm: query.leftMm ?? 0,
  });
  if (typeof layout === 'string') throw invalid('preset', layout);
  return layout;
}

/** A comma-separated list, trimmed, without blanks or repeats, in the order given. */
export function listOf(raw: string | undefined, field: string): string[] {
  const values = [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
  if (values.length > MAX_LABELS) throw invalid(field, `names more than ${MAX_LABELS} labels`);
  return values;
}
