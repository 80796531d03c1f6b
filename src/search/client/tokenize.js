// Search words: the one tokenizer, run by the index builder in Node and by the search page in the browser.
// Words are runs of letters, digits and marks, folded to lower case without accents; Chinese,
// Japanese and Korean runs become overlapping character pairs, as they have no spaces between words.

/** Longer runs (hashes, base64, URLs run together) are not words anyone types. */
export const MAX_TERM_LENGTH = 40;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const ASCII_WORD = /^[\x21-\x7e]*$/;
const MARKS = /\p{M}+/gu;

/** A word as the index stores it: lower case, accents and other combining marks dropped, NFKC-folded. */
export function foldWord(raw) {
  if (ASCII_WORD.test(raw)) return raw.toLowerCase();
  return raw.normalize("NFKD").replace(MARKS, "").normalize("NFKC").toLowerCase();
}

/**
 * Calls `emit(term, start, end)` for every word of `text`, with its UTF-16 offsets in `text`.
 * A callback rather than a generator: the index builder runs it over millions of words.
 */
export function forEachTerm(text, emit) {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const run = m[0];
    const at = m.index;
    if (!CJK.test(run)) {
      const term = foldWord(run);
      if (term.length > 0 && term.length <= MAX_TERM_LENGTH) emit(term, at, at + run.length);
      continue;
    }
    // Split the run into CJK and other stretches; CJK stretches give character pairs.
    const chars = [];
    for (let i = 0; i < run.length; ) {
      const cp = run.codePointAt(i);
      const width = cp > 0xffff ? 2 : 1;
      chars.push({ ch: run.slice(i, i + width), at: at + i, cjk: CJK.test(run.slice(i, i + width)) });
      i += width;
    }
    for (let i = 0; i < chars.length; ) {
      let j = i;
      while (j < chars.length && chars[j].cjk === chars[i].cjk) j++;
      const end = j < chars.length ? chars[j].at : at + run.length;
      if (!chars[i].cjk) {
        const term = foldWord(run.slice(chars[i].at - at, end - at));
        if (term.length > 0 && term.length <= MAX_TERM_LENGTH) emit(term, chars[i].at, end);
      } else if (j - i === 1) {
        emit(chars[i].ch, chars[i].at, end);
      } else {
        for (let k = i; k + 1 < j; k++) emit(chars[k].ch + chars[k + 1].ch, chars[k].at, k + 2 < chars.length ? chars[k + 2].at : at + run.length);
      }
      i = j;
    }
  }
}

/** The distinct words of a query, in order. */
export function queryTerms(text) {
  const out = [];
  forEachTerm(text, (term) => {
    if (!out.includes(term)) out.push(term);
  });
  return out;
}
