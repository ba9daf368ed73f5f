// @develoka/angka-terbilang-js ships no types: a number (or its digits) in, Indonesian words out.
declare module '@develoka/angka-terbilang-js' {
  function angkaTerbilang(value: number | string): string;
  export = angkaTerbilang;
}
