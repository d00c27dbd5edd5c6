/** Orders strings by UTF-16 code units: the same on every machine and in every locale, unlike `localeCompare`. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
