/** A sheet of stickers: how many across and down, each label's size, and where the first one sits. */
export interface LabelLayout {
  columns: number;
  rows: number;
  /** Label size and page offsets, in PDF points (1 mm = 72 / 25.4 pt). */
  width: number;
  height: number;
  top: number;
  left: number;
}

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };

/** Sheets sold in Indonesia for A4 printers (sizes in mm): 3×8 of 70×37 is the usual one. */
export const LABEL_PRESETS: Record<string, { columns: number; rows: number; width: number; height: number }> =
  {
    '3x8': { columns: 3, rows: 8, width: 70, height: 37 },
    '3x7': { columns: 3, rows: 7, width: 70, height: 42.3 },
    '2x7': { columns: 2, rows: 7, width: 99.1, height: 38.1 },
    '2x4': { columns: 2, rows: 4, width: 99.1, height: 67.7 },
  };

/** A preset, centred on the A4 page. */
export function presetLayout(name: string): LabelLayout {
  const preset = LABEL_PRESETS[name];
  const width = preset.width * MM;
  const height = preset.height * MM;
  return {
    columns: preset.columns,
    rows: preset.rows,
    width,
    height,
    left: (A4.width - preset.columns * width) / 2,
    top: (A4.height - preset.rows * height) / 2,
  };
}

/** A custom sheet: columns × rows labels of the given size (mm), from the given top-left offset (mm). */
export function customLayout(input: {
  columns: number;
  rows: number;
  widthMm: number;
  heightMm: number;
  topMm: number;
  leftMm: number;
}): LabelLayout | string {
  const layout = {
    columns: input.columns,
    rows: input.rows,
    width: input.widthMm * MM,
    height: input.heightMm * MM,
    top: input.topMm * MM,
    left: input.leftMm * MM,
  };
  if (layout.left + layout.columns * layout.width > A4.width + 0.5) return 'labels wider than an A4 sheet';
  if (layout.top + layout.rows * layout.height > A4.height + 0.5) return 'labels taller than an A4 sheet';
  return layout;
}

/** Page and slot of each label when the first sheet is used from label `startAt` (1-based). */
export function placements(
  count: number,
  layout: LabelLayout,
  startAt: number,
): { page: number; x: number; y: number }[] {
  const perPage = layout.columns * layout.rows;
  return Array.from({ length: count }, (_, index) => {
    const slot = index + startAt - 1;
    const onPage = slot % perPage;
    return {
      page: Math.floor(slot / perPage),
      x: layout.left + (onPage % layout.columns) * layout.width,
      y: layout.top + Math.floor(onPage / layout.columns) * layout.height,
    };
  });
}
