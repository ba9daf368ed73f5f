import type { CustodyCommand, ItemDescription } from '@jejak/custody';
import { defined, plain } from './command-values';
import type { RegisterItemDto } from './register-item.dto';

export function toRegisterCommand(itemId: string, dto: RegisterItemDto): CustodyCommand {
  const description: ItemDescription = defined({
    kind: dto.kind,
    title: dto.title.trim(),
    classificationCode: dto.classificationCode,
    securityClass: dto.securityClass,
    originUnitId: dto.originUnitId,
    year: dto.year,
    period: plain(dto.period),
    copyStatus: dto.copyStatus,
    quantity: plain(dto.quantity),
    folderNo: dto.folderNo,
    boxNo: dto.boxNo,
    retention: plain(dto.retention),
    notes: dto.notes,
    addresseeUnitId: dto.addresseeUnitId,
    letterNumber: dto.letterNumber,
    letterDate: dto.letterDate,
  });
  return { type: 'registered', itemId, data: description };
}
