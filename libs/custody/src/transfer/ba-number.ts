/**
 * The form of a BA number that uniqueness and the list's filter compare: "ba-012/ars/2026 " and
 * "BA-012/ARS/2026" are one number (case, width and spacing are not told apart).
 */
export const baNumberKey = (baNumber: string): string =>
  baNumber.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
