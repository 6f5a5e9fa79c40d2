/** Lower case without accents: how names and places are compared. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The letter runs of a word, folded, as the patient name index splits it (O'Brien → o, brien). */
export function subTokens(word: string): string[] {
  return fold(word).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2);
}
