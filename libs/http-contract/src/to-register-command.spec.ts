import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterItemDto } from './register-item.dto';
import { toRegisterCommand } from './to-register-command';

const body = {
  kind: 'file',
  title: '  Buku kas umum 2019 ',
  classificationCode: '900.1.3',
  securityClass: 'biasa',
  originUnitId: 'kec-babelan',
  retention: { activeYears: 2, inactiveYears: 5, disposition: 'musnah' },
};

describe('RegisterItemDto and toRegisterCommand', () => {
  it('turns a valid body into a registered command holding only what was said, as plain JSON', () => {
    const dto = plainToInstance(RegisterItemDto, body);
    expect(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);

    const command = toRegisterCommand('ARS-1', dto);

    expect(command).toEqual({
      type: 'registered',
      itemId: 'ARS-1',
      data: { ...body, title: 'Buku kas umum 2019' },
    });
    const data = command.data as unknown as Record<string, unknown>;
    expect(Object.values(data)).not.toContain(undefined);
    expect(Object.getPrototypeOf(data.retention)).toBe(Object.prototype);
  });

  it('refuses a bad id and a nested value out of range, naming the field', () => {
    const dto = plainToInstance(RegisterItemDto, {
      ...body,
      id: '-bad id',
      retention: { ...body.retention, activeYears: 101 },
    });
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    expect(errors.map((e) => e.property).sort()).toEqual(['id', 'retention']);
  });
});
