import { travellingWith } from './custody-groups';

const step = (type: string, correlationId: string | null = null) => ({ type, correlationId });

describe('travellingWith: which consignment a file in the bag belongs to', () => {
  it('is the transfer whose step was the latest of the journey', () => {
    expect(
      travellingWith([step('registered'), step('collected', 'trf-1'), step('dispatched', 'trf-1')]),
    ).toBe('trf-1');
  });

  it('is none for a file imported and then released item by item (the import is no transfer)', () => {
    expect(
      travellingWith([step('registered', 'imp-7'), step('handover_offered'), step('collected')]),
    ).toBeNull();
    expect(travellingWith([step('registered', 'imp-7')])).toBeNull();
  });

  it('is none once the file moves on its own after an earlier transfer, and a correction changes nothing', () => {
    const trail = [step('registered'), step('collected', 'trf-1'), step('intake_confirmed', 'trf-1')];
    expect(travellingWith([...trail, step('handover_offered'), step('collected')])).toBeNull();
    expect(travellingWith([...trail.slice(0, 2), step('corrected')])).toBe('trf-1');
  });
});
