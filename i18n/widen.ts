/** The shape other languages must match: the same keys as bokmål, any string as value. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
