// The one shape of a translation, so Spanish and Polish cannot miss or invent a key of English.

/**
 * English's keys, each a string where English has a string; plural keys may add the forms a
 * language needs beyond English's (_few, _many).
 */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_${'few' | 'many'}`]: string;
};
