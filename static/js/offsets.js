// Offsets between the browser and the server.
//
// The DOM counts text in UTF-16 code units; the server stores code points of the article's
// normalised text. A character outside the Basic Multilingual Plane (an emoji, some CJK)
// is two UTF-16 units and one code point, so the two differ after the first such character.
// The article is rendered as its exact text (escaped, white-space: pre-wrap), so the
// container's textContent is the stored text and DOM offsets only need this conversion.

const isHigh = (unit) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit) => unit >= 0xdc00 && unit <= 0xdfff;

/** Code points in text[0:index16] (a surrogate pair split by index16 is not counted). */
export function utf16ToCodePoint(text, index16) {
  let points = 0;
  for (let i = 0; i < index16; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      if (i + 1 >= index16) break; // the pair straddles the index
      i++;
    }
    points++;
  }
  return points;
}

/** The UTF-16 index of code point `points` in text. */
export function codePointToUtf16(text, points) {
  let i = 0;
  for (let seen = 0; seen < points && i < text.length; seen++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      i += 2;
    } else {
      i += 1;
    }
  }
  return i;
}

/** UTF-16 units of container's text before (node, offset). */
function unitsBefore(container, node, offset) {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

const SPACE = /\s/;

/**
 * The selection inside `container` as {start, end, text} in code points of the stored text,
 * with surrounding white space left out; null when nothing in it is selected.
 * A selection reaching outside the container is clipped to it.
 */
export function selectionSpan(container, selection = window.getSelection()) {
  if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
    return null;
  }
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(container)) return null;
  const text = container.textContent;
  const whole = document.createRange();
  whole.selectNodeContents(container);
  let start16 = 0;
  let end16 = text.length;
  if (range.compareBoundaryPoints(Range.START_TO_START, whole) > 0) {
    start16 = unitsBefore(container, range.startContainer, range.startOffset);
  }
  if (range.compareBoundaryPoints(Range.END_TO_END, whole) < 0) {
    end16 = unitsBefore(container, range.endContainer, range.endOffset);
  }
  while (start16 < end16 && SPACE.test(text[start16])) start16++;
  while (end16 > start16 && SPACE.test(text[end16 - 1])) end16--;
  if (start16 >= end16) return null;
  // Never cut a surrogate pair in two: widen to whole characters.
  if (start16 > 0 && isLow(text.charCodeAt(start16)) && isHigh(text.charCodeAt(start16 - 1))) {
    start16--;
  }
  if (end16 < text.length && isLow(text.charCodeAt(end16)) && isHigh(text.charCodeAt(end16 - 1))) {
    end16++;
  }
  return {
    start: utf16ToCodePoint(text, start16),
    end: utf16ToCodePoint(text, end16),
    text: text.slice(start16, end16),
  };
}
