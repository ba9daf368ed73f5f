import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@jejak/directory';
import { ID_PATTERN } from '@jejak/http-contract';
import { READ_MODEL_QUERIES, type ItemView, type ReadModelQueries } from '@jejak/read-models';
import { ApiProblem } from '../common/problem';
import { kurunWaktu } from '../transfers/berita-acara-data';
import { DocumentSources } from './document-sources';
import { invalid, listOf, sheetOf } from './label-sheet';
import { renderLabels, type Label } from './labels.pdf';
import type { LabelsQueryDto } from './labels-query.dto';
import { mayRead } from './may-read';
import type { PdfFile } from './pdf-file';

function itemIdsOf(raw: string | undefined): string[] {
  const ids = listOf(raw, 'itemIds');
  if (ids.length === 0) throw invalid('itemIds', 'names no item');
  const bad = ids.find((id) => !ID_PATTERN.test(id));
  if (bad !== undefined) throw invalid('itemIds', `'${bad.slice(0, 140)}' is not a valid item id`);
  return ids;
}

/** QR label sheets (web-app.md "Scanning and labels"). */
@Injectable()
export class LabelsService {
  constructor(
    @Inject(READ_MODEL_QUERIES) private readonly readModels: ReadModelQueries,
    @Inject(DocumentSources) private readonly sources: DocumentSources,
  ) {}

  async sheets(query: LabelsQueryDto, reader: Principal): Promise<PdfFile> {
    const itemIds = itemIdsOf(query.itemIds);
    const { layout, startAt } = sheetOf(query);
    const views = await Promise.all(itemIds.map((id) => this.readModels.getItem(id)));
    const unknown = itemIds.filter((_, index) => views[index] === null);
    if (unknown.length > 0)
      throw new ApiProblem('not-found', `No item ${unknown.map((id) => `'${id}'`).join(', ')}.`);
    const directory = this.sources.directory();
    const labels = (views as ItemView[]).map((view) =>
      this.label(view, reader, directory.unitName(view.originUnitId)),
    );
    return { pdf: await renderLabels(labels, layout, startAt), filename: 'label-arsip.pdf' };
  }

  private label(view: ItemView, reader: Principal, unit: string): Label {
    const shortCode = (view as ItemView & { shortCode?: string }).shortCode ?? view.itemId;
    return {
      url: `${this.sources.publicBaseUrl}/i/${encodeURIComponent(view.itemId)}`,
      shortCode,
      title: mayRead(reader, view) ? view.title : '(terbatas)',
      unit,
      year: kurunWaktu(view),
      classificationCode: view.classificationCode,
    };
  }
}
