// A name isolated inside a text where no element can go (a translated sentence, an attribute, an
// <option>), so that its own bidi controls cannot reorder what surrounds it.

/** First-strong isolate (U+2068) before the name, pop directional isolate (U+2069) after it. */
export const isolated = (name: string): string => `\u2068${name}\u2069`;
