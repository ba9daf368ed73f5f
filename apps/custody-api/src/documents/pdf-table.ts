import { keepTogether, nextPage, write, type Doc } from './pdf-document';
import { useFont } from './pdf-fonts';

export interface Column<Row> {
  header: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'center' | 'right';
  cell: (row: Row) => string;
}

const PAD = 3;
const SIZE = 8.5;

/**
 * A ruled table over the page width; the header row repeats on every page the table runs onto,
 * and a row is never split across pages.
 */
export function drawTable<Row>(
  doc: Doc,
  columns: Column<Row>[],
  rows: readonly Row[],
  totals?: string[],
): void {
  const left = doc.page.margins.left;
  const full = doc.page.width - left - doc.page.margins.right;
  const sum = columns.reduce((total, column) => total + column.width, 0);
  const widths = columns.map((column) => (column.width / sum) * full);
  const height = (cells: string[], bold: boolean) =>
    Math.max(
      ...cells.map((cell, i) => {
        useFont(doc, cell, SIZE, bold ? 'bold' : 'regular');
        return doc.heightOfString(cell || ' ', { width: widths[i] - 2 * PAD });
      }),
    ) +
    2 * PAD;
  const line = (cells: string[], bold: boolean, shade: boolean) => {
    const h = height(cells, bold);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      if (shade) doc.rect(x, top, widths[i], h).fillAndStroke('#e8e8e8', '#000000').fillColor('#000000');
      else doc.rect(x, top, widths[i], h).stroke();
      write(doc, cell, {
        size: SIZE,
        weight: bold ? 'bold' : 'regular',
        x: x + PAD,
        y: top + PAD,
        width: widths[i] - 2 * PAD,
        align: shade ? 'center' : (columns[i].align ?? 'left'),
      });
      x += widths[i];
    });
    doc.x = left;
    doc.y = top + h;
  };
  const headers = columns.map((column) => column.header);
  doc.lineWidth(0.5);
  keepTogether(doc, height(headers, true) * 2);
  line(headers, true, true);
  const fitting = (cells: string[], bold: boolean) => {
    if (doc.y + height(cells, bold) > doc.page.height - doc.page.margins.bottom) {
      nextPage(doc);
      line(headers, true, true);
    }
    line(cells, bold, false);
  };
  for (const row of rows)
    fitting(
      columns.map((column) => column.cell(row)),
      false,
    );
  if (totals) fitting(totals, true);
  doc.x = left;
  doc.moveDown(0.5);
}
