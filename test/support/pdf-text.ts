import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The text of each page of a PDF, read by Mozilla's pdf.js (a maintained reader). */
export function pdfPages(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, 'pdf-text.mjs')],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as string[]);
      },
    );
    child.stdin?.end(pdf);
  });
}

/** The whole text of a PDF with white space folded, for assertions on what a reader sees. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join(' ').replace(/\s+/g, ' ');
}
