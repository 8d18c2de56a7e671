/** Pure limits of site search, safe to import from UI components. */

export const searchPageSize = 10;
/** Longer input is refused: nobody types this much into a search box, and ts_headline work grows with it. */
export const maxQueryLength = 200;
/** Pages past this are refused rather than scanned: nobody pages this far. */
export const maxSearchPage = 100;
