import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteMetadataReflector } from './route-metadata.reflector';

const FLAG = 'test:flag';

@SetMetadata(FLAG, 'class')
class Controller {
  @SetMetadata(FLAG, 'handler')
  own(): void {}

  inherited(): void {}
}

class Plain {
  nothing(): void {}
}

describe('RouteMetadataReflector', () => {
  const targets = [
    [Controller.prototype.own, Controller],
    [Controller.prototype.inherited, Controller],
    [Plain.prototype.nothing, Plain],
  ] as const;

  it("answers as Nest's Reflector, metadata set or not, on the handler or its class", () => {
    const stock = new Reflector();
    const remembered = new RouteMetadataReflector();
    for (let round = 0; round < 2; round++) {
      for (const [handler, controller] of targets) {
        expect(remembered.getAllAndOverride(FLAG, [handler, controller])).toBe(
          stock.getAllAndOverride(FLAG, [handler, controller]),
        );
        expect(remembered.get(FLAG, handler)).toBe(stock.get(FLAG, handler));
      }
    }
    expect(remembered.getAllAndOverride(FLAG, [Controller.prototype.inherited, Controller])).toBe('class');
  });

  it('reads each key of each target once', () => {
    const remembered = new RouteMetadataReflector();
    const read = jest.spyOn(Reflect, 'getMetadata');
    try {
      for (let i = 0; i < 3; i++) {
        remembered.getAllAndOverride(FLAG, [Plain.prototype.nothing, Plain]);
        remembered.getAllAndOverride('test:other', [Plain.prototype.nothing, Plain]);
      }
      expect(read).toHaveBeenCalledTimes(4);
    } finally {
      read.mockRestore();
    }
  });
});
