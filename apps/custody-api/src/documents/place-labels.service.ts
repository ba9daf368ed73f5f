import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@jejak/directory';
import { ApiProblem } from '../common/problem';
import { DocumentSources } from './document-sources';
import { invalid, listOf, sheetOf } from './label-sheet';
import { MAX_LABELS, type LabelsQueryDto } from './labels-query.dto';
import type { PdfFile } from './pdf-file';
import { renderPlaceLabels, type PlaceLabel } from './place-labels.pdf';

/** A room or shelf code as printed and stored (storage.room / storage.shelf): short, one line. */
const PLACE_CODE = /^[^\s,/?#][^,/?#]{0,39}$/;

function codesOf(raw: string | undefined, field: string): string[] {
  const codes = listOf(raw, field);
  const bad = codes.find((code) => !PLACE_CODE.test(code));
  if (bad !== undefined)
    throw invalid(
      field,
      `'${bad.slice(0, 60)}' is not a room or shelf code (at most 40 characters, no , / ? #)`,
    );
  return codes;
}

/** Room and shelf labels of a depot (web-app.md "Scanning and labels": "and for places"). */
@Injectable()
export class PlaceLabelsService {
  constructor(@Inject(DocumentSources) private readonly sources: DocumentSources) {}

  async sheets(query: LabelsQueryDto, reader: Principal): Promise<PdfFile> {
    const depotId = query.placeId!;
    if (query.itemIds !== undefined) throw invalid('placeId', 'prints place labels: ask for itemIds apart');
    const rooms = codesOf(query.rooms, 'rooms');
    const shelves = codesOf(query.shelves, 'shelves');
    const room = query.room?.trim() ?? '';
    if (shelves.length > 0 && !room) throw invalid('room', 'is needed with shelves: the room they stand in');
    if (room && !PLACE_CODE.test(room)) throw invalid('room', 'is not a room code');
    if (rooms.length + shelves.length === 0) throw invalid('placeId', 'needs rooms, or room and shelves');
    if (rooms.length + shelves.length > MAX_LABELS)
      throw invalid('shelves', `with rooms names more than ${MAX_LABELS} labels`);
    const { layout, startAt } = sheetOf(query);
    const depot = this.sources.place(depotId);
    if (!depot) throw new ApiProblem('not-found', `No location '${depotId}'.`);
    if (depot.type !== 'depot')
      throw invalid('placeId', `'${depotId}' is not a depot: only depots have shelves`);
    if (reader.role !== 'admin' && reader.unitId !== depotId)
      throw new ApiProblem(
        'forbidden',
        `Only the staff of '${depotId}' (or an admin) print its shelf labels.`,
      );
    const base = this.sources.publicBaseUrl;
    const at = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
    const labels: PlaceLabel[] = [
      ...rooms.map((one): PlaceLabel => ({
        url: `${base}/ruang/${at(depotId, one)}`,
        kind: 'room',
        room: one,
        depotName: depot.name,
      })),
      ...shelves.map((shelf): PlaceLabel => ({
        url: `${base}/rak/${at(depotId, room, shelf)}`,
        kind: 'shelf',
        room,
        shelf,
        depotName: depot.name,
      })),
    ];
    return { pdf: await renderPlaceLabels(labels, layout, startAt), filename: 'label-rak.pdf' };
  }
}
