import { PassThrough } from 'stream';
import { stringify, type Options } from 'csv-stringify';

/**
 * A CSV download streamed in pages of `size` rows: `page(offset, size)` reads one, `record(row)` makes its CSV
 * record. Cells starting with =, +, -, @, tab or carriage return are prefixed with ' so spreadsheets never run them.
 * Writing waits while the client reads slowly and stops as soon as it goes away (no page read for nobody).
 */
export const csvStream = <Row>(columns: Options['columns'], page: (offset: number, size: number) => Promise<Row[]>, record: (row: Row) => Record<string, unknown>, size = 500) => {
  const out = new PassThrough();
  const csv = stringify({ header: true, columns, escape_formulas: true });
  csv.pipe(out);
  const gone = () => out.destroyed;
  const room = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        csv.off('drain', done);
        out.off('close', done);
        resolve();
      };
      csv.once('drain', done);
      out.once('close', done);
    });
  (async () => {
    for (let offset = 0; !gone(); offset += size) {
      const batch = await page(offset, size);
      for (const row of batch) {
        if (gone()) return;
        if (!csv.write(record(row))) await room();
      }
      if (batch.length < size) break;
    }
    if (!gone()) csv.end();
  })().catch((error) => out.destroy(error));
  return out;
};
