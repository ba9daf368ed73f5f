import { coveredYears } from './covered-years';

describe('coveredYears', () => {
  it('is the year of an item with a year', () => {
    expect(coveredYears({ year: 2019 })).toEqual([2019]);
  });

  it('is every year of a period, ends included', () => {
    expect(coveredYears({ period: { from: 2015, to: 2017 } })).toEqual([2015, 2016, 2017]);
  });

  it('is nothing without a year or period, or for a reversed period', () => {
    expect(coveredYears({})).toEqual([]);
    expect(coveredYears({ period: { from: 2017, to: 2015 } })).toEqual([]);
  });

  it('stops at a thousand years', () => {
    expect(coveredYears({ period: { from: 0, to: 5000 } })).toHaveLength(1000);
  });
});
