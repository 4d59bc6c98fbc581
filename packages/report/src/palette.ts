/** Series colours (colour-blind safe, Okabe-Ito order). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export function colour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}
